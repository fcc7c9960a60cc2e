import type { Action } from "../actions.js";
import type { CommentEvent } from "../events.js";
import type { Incident } from "../model.js";
import { renderHandoff } from "../render/commands.js";
import { alreadyLeads, cannotAct, reply, usage, withEntry, type Step } from "./command-step.js";
import type { DecideContext } from "./types.js";

/** `/lead`: someone takes the lead (or is given it) at once. */
export const leadStep: Step = (incident, command, event, context) => {
  const team = command.name === "lead" ? command.team : undefined;
  if (team) return usage(incident, event, notATeam("lead", team));
  const to = (command.name === "lead" && command.user) || event.actor.login;
  const refusal = cannotAct(to, "status", event, context);
  if (refusal) return usage(incident, event, refusal);
  const from = incident.lead;
  const next = withEntry(
    { ...incident, lead: to, pendingHandoff: undefined },
    context.now,
    `Incident Lead: ${from ? `${from} → ` : ""}${to}`,
    event.actor.login,
  );
  const restarted =
    from?.toLowerCase() === to.toLowerCase()
      ? { incident: next, actions: [] }
      : restartStatusCadence(next, event, context);
  return {
    incident: restarted.incident,
    actions: [
      reply(
        next,
        event,
        "lead",
        `🎖️ ${to} is now Incident Lead${from && from !== to ? ` (baton passed from ${from})` : ""}.`,
      ),
      ...restarted.actions,
    ],
  };
};

/** `/handoff @x`: offered to x, who accepts with `/ack` (`ack` in apply-command.ts). */
export const handoffStep: Step = (incident, command, event, context) => {
  const team = command.name === "handoff" ? command.team : undefined;
  if (team) return usage(incident, event, notATeam("handoff", team));
  const to = command.name === "handoff" ? command.user : undefined;
  if (!to) return usage(incident, event, "Usage: `/handoff @user`");
  const from = incident.lead ?? event.actor.login;
  if (from.toLowerCase() === to.toLowerCase()) return usage(incident, event, alreadyLeads(to));
  const refusal = cannotAct(to, "ack", event, context);
  if (refusal) return usage(incident, event, refusal);
  const next = withEntry(
    { ...incident, pendingHandoff: { from, to, at: context.now } },
    context.now,
    `Hand-over offered: ${from} → ${to}`,
    event.actor.login,
  );
  return { incident: next, actions: [reply(next, event, "handoff", renderHandoff(from, to))] };
};

/** An Incident Lead is one person: a team cannot accept with `/ack` nor post `/status`. */
const notATeam = (verb: "lead" | "handoff", team: string): string =>
  `Not done: ${team} is a team, and an Incident Lead is one person. ` +
  `Name one of its members: \`/${verb} @user\`.`;

/** A new lead gets a full cadence before being asked for a status update. */
export function restartStatusCadence(
  incident: Incident,
  event: CommentEvent,
  context: DecideContext,
): { incident: Incident; actions: Action[] } {
  const restarted = { ...incident, statusCadenceFrom: context.now, statusOverdue: false };
  if (!incident.statusOverdue) return { incident: restarted, actions: [] };
  return {
    incident: restarted,
    actions: [
      {
        kind: "remove-labels",
        key: `overdue-clear-${event.comment.id}`,
        issue: incident.source,
        labels: [context.config.escalation.overdueLabel],
      },
    ],
  };
}
