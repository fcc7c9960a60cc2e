import type { Action } from "../actions.js";
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
