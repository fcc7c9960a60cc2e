import type { DomainEvent } from "./events.js";
import { isLogIssueBody } from "./markers.js";

/** Why sevbot does nothing with an event, or undefined when it should be handled. */
export function ignoreReason(event: DomainEvent): string | undefined {
  if (event.actor.isBot) return `sent by a bot (${event.actor.login})`;
  // Commands work on the log issue too; everything else there is sevbot's own bookkeeping.
  if (
    isLogIssueBody(event.issue.body) &&
    event.kind !== "comment-created" &&
    event.kind !== "comment-edited"
  )
    return "the issue is an incident log issue";
  return undefined;
}
