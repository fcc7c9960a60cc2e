import type { DomainEvent } from "../core/events.js";
import { issueKey } from "../core/model.js";
import type { Forge } from "../ports/forge.js";
import { statusOf } from "./http-status.js";

const WHY: Record<number, string> = {
  401: "the forge did not accept sevbot's credentials",
  403: "sevbot lacks a permission it needs (check the App's or the token's permissions)",
  404: "a repository or issue sevbot needs does not exist, or sevbot cannot see it (check `tracker.repository`, `resolution.architectureMeetingIssue` and where sevbot is installed)",
  410: "an issue sevbot needs was deleted",
  422: "the forge refused what sevbot sent",
};

/** The request that failed, as Octokit and Gitbeaker describe it, when they do. */
function failedRequest(error: unknown): string {
  const request = (error as { request?: { method?: string; url?: string } }).request;
  if (!request?.method || !request.url) return "";
  const path = request.url.replace(/^https?:\/\/[^/]+/, "").split("?")[0];
  return ` (${request.method} ${path})`;
}

/**
 * A job the forge refused for good (a 404, a 422, a missing permission) is dropped: said on the
 * issue, once per job, so the people waiting for a response know none is coming and why, instead
 * of finding out from silence. Best effort: when the issue itself cannot be written, only the
 * server's log says it.
 */
export async function reportDroppedJob(
  forge: Forge,
  jobId: string,
  event: DomainEvent,
  error: unknown,
): Promise<void> {
  const status = statusOf(error);
  const why = (status !== undefined && WHY[status]) || "the forge refused a request for good";
  const detail = String((error as Error)?.message ?? error)
    .split("\n")[0]!
    .slice(0, 300);
  const body = [
    `⚠️ sevbot could not finish handling this ${describe(event)}: ${why}.`,
    "",
    `> ${status ?? "error"}${failedRequest(error)}: ${detail}`,
    "",
    "It will not retry this event. Once the cause is fixed, repeat what you did (re-add the label," +
      " post the command again) and sevbot picks it up from where it stopped.",
    `<!-- sevbot:job-dropped ${jobId} -->`,
  ].join("\n");
  try {
    const existing = await forge.listComments(event.issue.ref);
    if (existing.some((comment) => comment.byBot && comment.body.includes(jobId))) return;
    await forge.createComment(event.issue.ref, body);
  } catch {
    // The issue cannot be written either: the server's log has the error.
  }
}

function describe(event: DomainEvent): string {
  switch (event.kind) {
    case "issue-labeled":
      return `label (${event.label})`;
    case "issue-opened":
      return "report";
    case "comment-created":
    case "comment-edited":
      return "command";
    default:
      return `event (${event.kind} on ${issueKey(event.issue.ref)})`;
  }
}
