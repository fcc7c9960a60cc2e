import type { Action } from "../actions.js";
import { drillFlag, stepAudience } from "../audience.js";
import { onlyDrillParticipants } from "../drill.js";
import { escalationPlan, followPolicy } from "../escalation.js";
import type { Actor, IssueSnapshot } from "../events.js";
import { mentionAll } from "../mentions.js";
import { issueKey, type Incident, type Severity } from "../model.js";
import { ownersFor } from "../owners.js";
import { severityName } from "../render/format.js";
import { incidentDisplayTitle } from "../render/log-issue.js";
import { removeOtherSeverityLabels, warRoomTopic } from "./declare.js";
import type { DecideContext, Decision } from "./types.js";

/**
 * An open incident's severity label changed. A raise runs the new severity's first escalation
 * step at once, whatever the status (an acknowledged Sev-2 raised to Sev-1 still calls everyone
 * Sev-1 calls); a lowering notes it. The war room's topic follows either way.
 */
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
  // A raise starts escalation over at the new severity's policy; a lowering keeps its clock, and
  // its plan follows the new policy's timing from there (`followPolicy`).
  const changed = followPolicy(
    {
      ...incident,
      severity,
      ...(raised && incident.status === "declared" ? { escalationStartedAt: now } : {}),
      timeline: [...incident.timeline, { at: now, text, actor: actor.login }],
    },
    context.config,
    now,
  );
  const first = raised ? firstStep(changed, actor, change, step, issue.url, context) : undefined;
  const next = first ? { ...changed, done: [...changed.done, first.key] } : changed;
  const body = raised
    ? escalationBody(change, issue, next, first?.people, context)
    : loweredBody(change, severity, context);
  const actions: Action[] = [
    { kind: "comment", key: `severity-${step}`, issue: incident.source, body },
    ...removeOtherSeverityLabels(issue, severity, context),
    ...(first ? [first.action] : []),
    ...topicUpdate(next, step),
  ];
  return { incident: next, actions };
}

interface FirstStep {
  key: string;
  people: string[];
  action: Action;
}

/**
 * The new severity's first step, sent now. While unacknowledged its key is the new escalation's
 * own first key, so the tick does not send it again and goes on with the later steps.
 */
function firstStep(
  incident: Incident,
  actor: Actor,
  change: string,
  step: number,
  url: string,
  { config, now }: DecideContext,
): FirstStep | undefined {
  const policy = config.escalation.policies[incident.severity];
  const planned = escalationPlan(policy, now)[0];
  if (!planned) return undefined;
  const declared = incident.status === "declared";
  const key = declared ? planned.key : `raise-${step}`;
  const { people, targets } = stepAudience(incident, planned.notify, new Date(now), config);
  const title = incidentDisplayTitle(incident, "");
  const state = declared
    ? "Not acknowledged yet: reply /ack on the issue."
    : `Acknowledged by ${incident.acknowledgedBy ?? "the team"}; Incident Lead: ${incident.lead ?? "none yet"}.`;
  return {
    key,
    people,
    action: {
      kind: "notify",
      key,
      notification: {
        key,
        incidentKey: issueKey(incident.source),
        kind: "escalate",
        severity: incident.severity,
        title,
        text: `Severity raised by ${actor.login} (${change}): ${title}. ${state}`,
        url,
        targets,
        ...drillFlag(incident),
      },
    },
  };
}

/** The war room's topic names the severity: it changes with it. Never for a drill (it has none). */
function topicUpdate(incident: Incident, step: number): Action[] {
  const room = incident.warRoom;
  // Rooms recorded before their id was kept: Slack's link sevbot made ends with it.
  const id = room?.id ?? /[?&]channel=([A-Z0-9]+)$/.exec(room?.url ?? "")?.[1];
  if (!room || !id || incident.drill) return [];
  const key = `war-room-topic-${step}`;
  return [
    {
      kind: "notify",
      key,
      notification: {
        key,
        incidentKey: issueKey(incident.source),
        kind: "war-room-topic",
        severity: incident.severity,
        title: incidentDisplayTitle(incident, ""),
        text: warRoomTopic(incident),
        url: incident.url ?? "",
        targets: { channels: [id], users: [], emails: [], page: false, onlyTargets: true },
      },
    },
  ];
}

function escalationBody(
  change: string,
  issue: IssueSnapshot,
  incident: Incident,
  stepPeople: string[] | undefined,
  { config }: DecideContext,
): string {
  const people = onlyDrillParticipants(
    incident,
    [...ownersFor(issue.labels, config), ...(stepPeople ?? config.oncall)],
    config,
  );
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
