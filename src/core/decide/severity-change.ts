import type { Action } from "../actions.js";
import type { Actor, IssueSnapshot } from "../events.js";
import { mentionAll } from "../mentions.js";
import type { Incident, Severity } from "../model.js";
import { ownersFor } from "../owners.js";
import { severityName } from "../render/format.js";
import { removeOtherSeverityLabels } from "./declare.js";
import type { DecideContext, Decision } from "./types.js";

/** An open incident's severity label changed: raise escalates, lower notes it. */
export function changeSeverity(
  incident: Incident,
  issue: IssueSnapshot,
  severity: Severity,
  actor: Actor,
  context: DecideContext,
): Decision {
  const { now } = context;
  const raised = severity < incident.severity;
  const change = `${severityName(incident.severity)} → ${severityName(severity)}`;
  const step = incident.timeline.length;
  const text = `Severity ${raised ? "raised" : "lowered"} by ${actor.login}: ${change}`;
  const next: Incident = {
    ...incident,
    severity,
    // A raise starts escalation over at the new severity's policy; a lowering keeps its clock.
    ...(raised && incident.status === "declared" ? { escalationStartedAt: now } : {}),
    timeline: [...incident.timeline, { at: now, text, actor: actor.login }],
  };
  const body = raised
    ? escalationBody(change, issue, context)
    : loweredBody(change, severity, context);
  const actions: Action[] = [
    { kind: "comment", key: `severity-${step}`, issue: incident.source, body },
    ...removeOtherSeverityLabels(issue, severity, context),
  ];
  return { incident: next, actions };
}

function escalationBody(change: string, issue: IssueSnapshot, { config }: DecideContext): string {
  const people = [...ownersFor(issue.labels, config), ...config.oncall];
  return [
    `## ⬆️ Severity raised: ${change}`,
    "",
    "The response checklist above still applies, now with more urgency.",
    people.length > 0 ? `Escalating to ${mentionAll(people)}.` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

function loweredBody(change: string, severity: Severity, { config }: DecideContext): string {
  const stillIncident = config.severity.incidents.includes(severity);
  const note = stillIncident
    ? "The incident stays open with the same process."
    : "This severity is handled through standard bug triage; the incident stays open until it is resolved.";
  return [`## ⬇️ Severity lowered: ${change}`, "", note].join("\n");
}
