import { fnv1a } from "../codename.js";
import { parseCommands } from "../commands/parse.js";
import { hasAtLeast, requiredPermission } from "../commands/permissions.js";
import type { Command } from "../commands/types.js";
import type { CommentEvent } from "../events.js";
import type { Incident } from "../model.js";
import { renderHelp } from "../render/commands.js";
import { applyCommand } from "./apply-command.js";
import type { DecideContext, Decision } from "./types.js";

/** The ledger's key for one command of one comment: an edit that keeps the line keeps the key. */
export function commandKey(commentId: number, command: Command): string {
  return `cmd-${commentId}-${fnv1a(command.line).toString(16)}`;
}

/**
 * Runs the comment's commands in order. Each command's key (comment id + its text) goes into the
 * ledger, so an edited comment never re-runs a command that already ran.
 */
export function onCommands(
  incident: Incident | undefined,
  event: CommentEvent,
  context: DecideContext,
): Decision {
  const commands = parseCommands(event.comment.body);
  if (commands.length === 0) return { incident, actions: [] };
  const source = incident?.source ?? event.issue.ref;
  const replyKey = (what: string) => `${what}-${event.comment.id}`;
  const unknown = commands.filter(
    (command): command is Extract<Command, { name: "unknown" }> => command.name === "unknown",
  );
  const asksHelp = commands.some((command) => command.name === "help");
  let decision: Decision = { incident, actions: [] };
  if (unknown.length > 0 || asksHelp) {
    decision.actions.push({
      kind: "comment",
      key: replyKey("help"),
      issue: source,
      body: renderHelp(
        unknown.map((command) => command.word),
        source.platform,
      ),
    });
  }
  if (!incident) {
    if (commands.some((command) => command.name !== "help" && command.name !== "unknown")) {
      decision.actions.push({
        kind: "comment",
        key: replyKey("no-incident"),
        issue: source,
        body: "There is no incident on this issue: add a severity label (for example `severity::1`) to declare one.",
      });
    }
    return decision;
  }
  const refused: string[] = [];
  for (const command of commands) {
    if (command.name === "unknown" || command.name === "help") continue;
    const key = commandKey(event.comment.id, command);
    if (decision.incident!.done.includes(key)) continue;
    const required = requiredPermission(command.name, context.config.commands.permissions);
    const granted = event.permission ?? "none";
    if (!hasAtLeast(granted, required)) {
      refused.push(
        `\`/${command.name}\` needs ${required} access; ${event.actor.login} has ${granted}`,
      );
    } else {
      decision = applyCommand(decision, command, event, context);
    }
    decision = {
      ...decision,
      incident: { ...decision.incident!, done: [...decision.incident!.done, key] },
    };
  }
  if (refused.length > 0) {
    decision.actions.push({
      kind: "comment",
      key: replyKey("refused"),
      issue: source,
      body: `Not done: ${refused.join("; ")}. Nothing was changed.`,
    });
  }
  return decision;
}
