/** The HTTP status of an error thrown by the GitLab requester (or anything shaped like it). */
export function statusOf(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error ? Number((error as { status: unknown }).status) : undefined;
}
