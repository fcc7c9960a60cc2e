/** The HTTP status an API error carries (Octokit's RequestError, our GitLab requester's errors), if any. */
export function statusOf(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error
    ? Number((error as { status: unknown }).status)
    : undefined;
}
