import { parseCommands } from "../core/commands/parse.js";
import type { CommentEvent, RemoteEvent } from "../core/events.js";
import type { Permission } from "../core/model.js";
import type { HandleEventDeps } from "./handle-event.js";

/**
 * The permissions of the people commands hand the incident to (`/handoff @x`, `/lead @x`), in a
 * comment or typed in Slack, by lowercase login, so the core can refuse someone who could not
 * act. A lookup the forge cannot answer leaves that person out: unknown is offered, as before.
 */
export async function namedPermissions(
  deps: Pick<HandleEventDeps, "forge" | "permissions" | "clock">,
  event: CommentEvent | RemoteEvent,
): Promise<Record<string, Permission>> {
  const text = event.kind !== "remote-action" ? event.comment.body : remoteCommands(event);
  const logins = new Set<string>();
  for (const command of parseCommands(text))
    if ((command.name === "handoff" || command.name === "lead") && command.user)
      logins.add(command.user.toLowerCase());
  const { repo } = event.issue.ref;
  const named: Record<string, Permission> = {};
  for (const login of logins) {
    try {
      named[login] = await deps.permissions.lookup(repo, login, deps.clock.now().getTime(), () =>
        deps.forge.permission(repo, login),
      );
    } catch {
      // Unknown: the hand-over is offered and its timeout still applies.
    }
  }
  return named;
}

function remoteCommands(event: RemoteEvent): string {
  return event.action.type === "commands" ? event.action.text : "";
}
