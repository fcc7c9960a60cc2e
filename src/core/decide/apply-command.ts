import type { Action } from "../actions.js";
import type { Command } from "../commands/types.js";
import type { CommentEvent } from "../events.js";
import { onlyDrillParticipants } from "../drill.js";
import { neutralizeMentions } from "../mentions.js";
import { milestoneNotification } from "../notify.js";
import type { Incident, IncidentStatus } from "../model.js";
import { renderDecision, renderMitigationTemplate } from "../render/commands.js";
import { formatInstant } from "../render/format.js";
import { severityLabel } from "../severity.js";
import { transition } from "../transitions.js";
import { reopenIncident } from "./close-reopen.js";
import { pageStep } from "./page.js";
import { EMPTY_ROOT_CAUSE, recordAfterResolution } from "./record-resolution.js";
import { resolveIncident } from "./resolve.js";
import { changeSeverity } from "./severity-change.js";
import { swapStatusLabel } from "./status-labels.js";
import { reply, usage, withEntry, type Step } from "./command-step.js";
import { handoffStep, leadStep, restartStatusCadence } from "./lead-steps.js";
import { actionStep, impactStep, similarStep } from "./learning-steps.js";
import { timelineStep } from "./timeline-command.js";
import type { DecideContext, Decision } from "./types.js";

/** Applies one permitted command to the decision so far. */
export function applyCommand(
  decision: Decision,
  command: Command,
  event: CommentEvent,
  context: DecideContext,
): Decision {
  const step = STEPS[command.name];
  if (!step || !decision.incident) return decision;
  const next = step(decision.incident, command, event, context);
  return { incident: next.incident, actions: [...decision.actions, ...next.actions] };
}

function move(
  incident: Incident,
  to: IncidentStatus,
  event: CommentEvent,
  context: DecideContext,
  note: string | undefined,
  announce: string,
) {
  const actor = event.actor.login;
  const result = transition(incident, to, actor, context.now, note);
  if (!result.ok)
    return {
      incident,
      actions: [reply(incident, event, "refused", `Not done: ${result.reason}.`)],
    };
  return {
    incident: result.incident,
    actions: [
      reply(result.incident, event, to, announce),
      ...swapStatusLabel(incident, to, context.config),
    ],
  };
}

const STEPS: Partial<Record<Command["name"], Step>> = {
  page: pageStep,
  timeline: timelineStep,
  impact: impactStep,
  action: actionStep,
  similar: similarStep,
  ack(incident, _command, event, context) {
    const actor = event.actor.login;
    if (incident.pendingHandoff?.to.toLowerCase() === actor.toLowerCase()) {
      const accepted = withEntry(
        { ...incident, lead: actor, pendingHandoff: undefined },
        context.now,
        `Hand-over accepted: ${actor} is Incident Lead`,
        actor,
      );
      const restarted = restartStatusCadence(accepted, event, context);
      return {
        incident: restarted.incident,
        actions: [
          reply(
            accepted,
            event,
            "handoff-accepted",
            `🎖️ ${actor} accepted the hand-over and is now Incident Lead.`,
          ),
          ...restarted.actions,
        ],
      };
    }
    if (incident.status !== "declared") {
      // The latest acknowledgement (after a reopen), not the first one the metrics keep.
      const latest = incident.timeline.findLast((entry) =>
        entry.text.startsWith("Acknowledged by"),
      );
      const by = latest?.actor
        ? ` by ${latest.actor} at ${formatInstant(latest.at)}`
        : incident.acknowledgedBy
          ? ` by ${incident.acknowledgedBy} at ${formatInstant(incident.acknowledgedAt ?? context.now)}`
          : "";
      return {
        incident,
        actions: [
          reply(
            incident,
            event,
            "already-ack",
            `Already acknowledged${by}; the incident is ${incident.status}.`,
          ),
        ],
      };
    }
    const becomesLead = !incident.lead;
    const moved = move(
      incident,
      "acknowledged",
      event,
      context,
      event.via ? `in ${event.via}` : undefined,
      `👋 Acknowledged by ${actor}${event.via ? ` from ${event.via}` : ""}: paging stops.${becomesLead ? ` ${actor} is Incident Lead.` : ""}`,
    );
    if (moved.incident.status !== "acknowledged") return moved;
    const notice = milestoneNotification(
      moved.incident,
      "acknowledge",
      `Acknowledged by ${actor}; paging stops.`,
      context.config,
      moved.incident.timeline.length,
    );
    return { incident: moved.incident, actions: [...moved.actions, notice] };
  },
  lead: leadStep,
  handoff: handoffStep,
  sev(incident, command, event, context) {
    const severity = command.name === "sev" ? command.severity : undefined;
    if (!severity) return usage(incident, event, "Usage: `/sev 1` to `/sev 4`");
    if (severity === incident.severity) return { incident, actions: [] };
    const label = severityLabel(severity, context.config.severity.labels);
    const labels = [...event.issue.labels.filter((name) => name !== label), label];
    const changed = changeSeverity(
      incident,
      { ...event.issue, ref: incident.source, labels },
      severity,
      event.actor,
      context,
    );
    return {
      incident: changed.incident!,
      actions: [
        {
          kind: "add-labels",
          key: `sev-label-${severity}`,
          issue: incident.source,
          labels: [label],
        },
        ...changed.actions,
      ],
    };
  },
  status(incident, command, event, context) {
    const text = command.name === "status" ? command.text : "";
    if (!text) return usage(incident, event, "Usage: `/status <what is happening now>`");
    const updated = {
      ...withEntry(incident, context.now, `Status: ${text}`, event.actor.login),
      lastStatusAt: context.now,
      statusOverdue: false,
    };
    const clearOverdue: Action[] = incident.statusOverdue
      ? [
          {
            kind: "remove-labels",
            key: `overdue-clear-${event.comment.id}`,
            issue: incident.source,
            labels: [context.config.escalation.overdueLabel],
          },
        ]
      : [];
    return { incident: updated, actions: clearOverdue };
  },
  mitigate(incident, _command, event) {
    return { incident, actions: [reply(incident, event, "mitigate", renderMitigationTemplate())] };
  },
  decide(incident, command, event, context) {
    const option = command.name === "decide" ? command.option : "";
    if (!option) return usage(incident, event, "Usage: `/decide <the option chosen>`");
    const next = withEntry(
      { ...incident, mitigationDecision: option },
      context.now,
      `Mitigation decided: ${option}`,
      event.actor.login,
    );
    return {
      incident: next,
      actions: [
        reply(
          next,
          event,
          "decide",
          renderDecision(
            option,
            event.actor.login,
            onlyDrillParticipants(incident, context.config.mitigation.notify, context.config),
          ),
        ),
      ],
    };
  },
  mitigated(incident, command, event, context) {
    const summary = command.name === "mitigated" ? command.summary : "";
    return move(
      incident,
      "mitigated",
      event,
      context,
      summary || undefined,
      `🩹 Mitigated${summary ? `: ${neutralizeMentions(summary)}` : ""}. Keep going until it is resolved.`,
    );
  },
  resolve(incident, command, event, context) {
    if (command.name !== "resolve") return { incident, actions: [] };
    const statement = { summary: command.summary, rootCause: command.rootCause };
    if (incident.status === "resolved")
      return recordAfterResolution(incident, statement, command.emptyRootCause, event, context);
    const resolved = resolveIncident(incident, event.actor.login, statement, false, context);
    if (!command.emptyRootCause) return resolved as { incident: Incident; actions: Action[] };
    return {
      incident: resolved.incident!,
      actions: [...resolved.actions, reply(resolved.incident!, event, "usage", EMPTY_ROOT_CAUSE)],
    };
  },
  reopen(incident, _command, event, context) {
    if (incident.status !== "resolved")
      return {
        incident,
        actions: [reply(incident, event, "refused", "Not done: the incident is not resolved.")],
      };
    return reopenIncident(incident, event.actor.login, "reopened with /reopen", context) as {
      incident: Incident;
      actions: Action[];
    };
  },
};
