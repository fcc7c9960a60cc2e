import type { SevbotConfig } from "../../config/schema.js";
import type { Action } from "../actions.js";
import type { Actor } from "../events.js";
import type { Incident, IncidentStatus } from "../model.js";
import { formatDuration, severityName } from "../render/format.js";
import { transition } from "../transitions.js";
import type { DecideContext, Decision } from "./types.js";

/** Closing the source issue resolves its incident (root cause not stated: recorded as unknown). */
export function resolveOnClose(incident: Incident, actor: Actor, context: DecideContext): Decision {
  const result = transition(incident, "resolved", actor.login, context.now, "source issue closed");
  if (!result.ok) return { incident, actions: [] };
  const resolved: Incident = { ...result.incident, rootCause: incident.rootCause ?? { known: false } };
  const step = resolved.timeline.length;
  const duration = formatDuration(incident.declaredAt, context.now);
  const body = [
    `## ✅ ${severityName(incident.severity)} incident resolved after ${duration}`,
    "",
    resolved.rootCause?.known ? `Root cause: ${resolved.rootCause.text ?? "identified"}` : "The root cause has not been stated yet: reply with it so the incident log is complete.",
  ].join("\n");
  return {
    incident: resolved,
    actions: [{ kind: "comment", key: `resolved-${step}`, issue: incident.source, body }, ...swapStatusLabel(incident, "resolved", context.config)],
  };
}

export function reopenOnReopen(incident: Incident, actor: Actor, context: DecideContext): Decision {
  const result = transition(incident, "declared", actor.login, context.now, "source issue reopened");
  if (!result.ok) return { incident, actions: [] };
  const step = result.incident.timeline.length;
  return {
    incident: result.incident,
    actions: [
      { kind: "comment", key: `reopened-${step}`, issue: incident.source, body: `## 🔁 Incident reopened\n\nThe response checklist above applies again.` },
      ...swapStatusLabel(incident, "declared", context.config),
    ],
  };
}

/** Keeps exactly one status label on the source issue. */
export function swapStatusLabel(incident: Incident, to: IncidentStatus, config: SevbotConfig): Action[] {
  const labels = config.statusLabels;
  const byStatus: Record<IncidentStatus, string> = { declared: labels.active, acknowledged: labels.acknowledged, mitigated: labels.mitigated, resolved: labels.resolved };
  const stale = Object.values(byStatus).filter((label) => label !== byStatus[to]);
  return [
    { kind: "remove-labels", key: `status-${to}-remove`, issue: incident.source, labels: stale },
    { kind: "add-labels", key: `status-${to}`, issue: incident.source, labels: [byStatus[to]] },
  ];
}
