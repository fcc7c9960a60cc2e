import { parseCommands } from "../core/commands/parse.js";
import type { CommentEvent } from "../core/events.js";
import type { Permission } from "../core/model.js";
import type { HandleEventDeps } from "./handle-event.js";

/**
 * The permissions of the people a comment's commands hand the incident to (`/handoff @x`,
 * `/lead @x`), by lowercase login, so the core can refuse someone who could not act. A lookup
 * the forge cannot answer leaves that person out: unknown is offered, as before.
 */
export async function namedPermissions(
  deps: Pick<HandleEventDeps, "forge" | "permissions" | "clock">,
  event: CommentEvent,
): Promise<Record<string, Permission>> {
  const logins = new Set<string>();
  for (const command of parseCommands(event.comment.body))
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
