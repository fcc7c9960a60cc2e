import type { DomainEvent } from "./events.js";
import { isLogIssueBody } from "./markers.js";

/** Why sevbot does nothing with an event, or undefined when it should be handled. */
export function ignoreReason(event: DomainEvent): string | undefined {
  if (event.actor.isBot) return `sent by a bot (${event.actor.login})`;
  if (isLogIssueBody(event.issue.body)) return "the issue is an incident log issue";
  return undefined;
}
