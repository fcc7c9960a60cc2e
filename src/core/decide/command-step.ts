import type { Action } from "../actions.js";
import { hasAtLeast, requiredPermission } from "../commands/permissions.js";
import type { Command } from "../commands/types.js";
import type { CommentEvent } from "../events.js";
import type { Incident } from "../model.js";
import type { DecideContext } from "./types.js";

/** One command applied to the incident: the next incident and what to do. */
export type Step = (
  incident: Incident,
  command: Command,
  event: CommentEvent,
  context: DecideContext,
) => { incident: Incident; actions: Action[] };

export const reply = (
  incident: Incident,
  event: CommentEvent,
  what: string,
  body: string,
): Action => ({
  kind: "comment",
  key: `${what}-${event.comment.id}-${incident.timeline.length}`,
  issue: incident.source,
  body,
});

/** A command that cannot be applied as written: nothing changes and the reply says how to use it. */
export const usage = (incident: Incident, event: CommentEvent, text: string): ReturnType<Step> => ({
  incident,
  actions: [reply(incident, event, "usage", text)],
});

export function withEntry(incident: Incident, at: string, text: string, actor: string): Incident {
  const timeline = [...incident.timeline, { at, text, actor }].sort((a, b) =>
    a.at.localeCompare(b.at),
  );
  return { ...incident, timeline };
}

/** A hand-over to the person who already leads changes nothing: said, not offered. */
export const alreadyLeads = (lead: string): string =>
  `Not done: ${lead} already leads this incident. To hand over, \`/handoff\` someone else.`;

/**
 * A hand-over or a lead needs someone who can run the commands that come with it: `/ack` to
 * accept, `/status` to lead. Refused when the forge said who `to` is and their access falls
 * short; when it could not say, offered as before (the hand-over timeout still applies).
 */
export function cannotAct(
  to: string,
  needed: "ack" | "status",
  event: CommentEvent,
  context: DecideContext,
): string | undefined {
  const granted = event.named?.[to.toLowerCase()];
  const required = requiredPermission(needed, context.config.commands.permissions);
  if (granted === undefined || hasAtLeast(granted, required)) return undefined;
  const role = needed === "ack" ? "accept with `/ack`" : "post `/status` as Incident Lead";
  const has =
    granted === "none"
      ? `has no access to ${event.issue.ref.repo} (is the name right?)`
      : `has ${granted} access to ${event.issue.ref.repo}`;
  return (
    `Not done: ${to} ${has} and could not ${role}, which needs ${required}. ` +
    `Give them ${required} access, or choose someone who has it.`
  );
}
