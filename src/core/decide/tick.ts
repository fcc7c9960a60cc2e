import type { Action } from "../actions.js";
import { dueEscalations, followPolicy, type PlannedEscalation } from "../escalation.js";
import { drillFlag, stepAudience } from "../audience.js";
import { onlyDrillParticipants } from "../drill.js";
import { mentionAll } from "../mentions.js";
import { issueKey, type Incident } from "../model.js";
import type { Notification } from "../notification.js";
import { nextResponder } from "../oncall.js";
import { formatDuration, severityName } from "../render/format.js";
import { incidentDisplayTitle } from "../render/log-issue.js";
import { localDate, zonedParts } from "../zoned-time.js";
import { remindStatus } from "./status-reminder.js";
import type { DecideContext, Decision } from "./types.js";

/**
 * A scheduler tick: what is due now for an open incident, recomputed from its stored state
 * (principle 4). Each reminder has a key, so a tick repeated after a restart repeats nothing.
 */
export function onTick(incident: Incident, url: string, context: DecideContext): Decision {
  if (incident.status === "resolved") return { incident, actions: [] };
  const now = new Date(context.now);
  let current = incident;
  const actions: Action[] = [];
  for (const step of [escalate, remindStatus, expireHandoff, followTheSun, remindStale]) {
    const result = step(current, now, url, context);
    current = result.incident;
    actions.push(...result.actions);
  }
  return { incident: current, actions };
}

type TickStep = (
  incident: Incident,
  now: Date,
  url: string,
  context: DecideContext,
) => { incident: Incident; actions: Action[] };

const escalate: TickStep = (previous, now, url, context) => {
  // A lowering or a config change since the last tick: the plan follows the timing it has now.
  const incident = followPolicy(previous, context.config, context.now);
  const { fire, skipped } = dueEscalations(incident, context.config, now);
  const actions = fire.flatMap((entry) => escalationActions(incident, entry, now, url, context));
  const done = [
    ...incident.done,
    ...fire.map((entry) => entry.key),
    ...skipped.map((entry) => entry.key),
  ];
  return { incident: { ...incident, done }, actions };
};

export function escalationActions(
  incident: Incident,
  entry: PlannedEscalation,
  now: Date,
  url: string,
  { config }: DecideContext,
): Action[] {
  const { people, notes: onCallNotes, targets } = stepAudience(incident, entry.notify, now, config);
  const title = incidentDisplayTitle(incident, "");
  const { text, comment: lead } = escalationWords(incident, entry, now);
  const notification: Notification = {
    key: entry.key,
    incidentKey: issueKey(incident.source),
    kind: entry.label === "step 1" ? "declare" : "escalate",
    severity: incident.severity,
    title,
    text,
    url,
    targets,
    ...drillFlag(incident),
  };
  const notes = onCallNotes.length ? `\n\n${onCallNotes.join("; ")}.` : "";
  const comment =
    people.length > 0 || entry.level
      ? `🔔 Escalation (${entry.label}): ${people.length > 0 ? `${mentionAll(people)}, ${lead}` : capitalized(lead)}${notes}`
      : undefined;
  return [
    { kind: "notify", key: entry.key, notification },
    ...(comment
      ? [
          {
            kind: "comment" as const,
            key: `${entry.key}-comment`,
            issue: incident.source,
            body: comment,
          },
        ]
      : []),
  ];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A late tick (sevbot was down) names the real wait, not the step's offset. */
const CATCH_UP_MS = 5 * 60_000;

/**
 * What an escalation says, in the channel (`text`, after the title the notifiers show) and on the
 * issue. The first notification says the incident was declared; later levels say who else is told.
 */
function escalationWords(
  incident: Incident,
  entry: PlannedEscalation,
  now: Date,
): { text: string; comment: string } {
  const start = incident.escalationStartedAt ?? incident.declaredAt;
  const sev = severityName(incident.severity);
  // The step's own offset, so a retried step says the same thing; after downtime, the real wait.
  const late = now.getTime() - Date.parse(entry.at) >= CATCH_UP_MS;
  const waited = formatDuration(start, late ? now.toISOString() : entry.at);
  // The first notification of an escalation says what happened, even when its step waits a while.
  if (entry.label === "step 1") {
    const restarted = start !== incident.declaredAt;
    const pending = entry.at === start ? "" : `, not acknowledged after ${waited}`;
    return {
      text: restarted
        ? `${sev} is active again${pending} and needs someone to acknowledge it. Reply /ack on the issue.`
        : `${sev} incident declared${incident.declaredBy ? ` by ${incident.declaredBy}` : ""}${pending}. Reply /ack on the issue to take it.`,
      comment: `this ${sev} ${restarted ? `is active again${pending} and ` : pending ? `is${pending.slice(1)} and ` : ""}needs someone to acknowledge it. Reply \`/ack\`.`,
    };
  }
  if (!entry.level)
    return {
      text: `${sev} not acknowledged after ${waited}. Reply /ack on the issue.`,
      comment: `this ${sev} is not acknowledged after ${waited}. Reply \`/ack\`.`,
    };
  const who =
    entry.level === "fallback"
      ? "the rotation's fallback"
      : `everyone in ${entry.notify.channels.join(", ") || "the incident channels"}`;
  const next = `Next reminder in ${entry.nextInMinutes} min, until someone acknowledges.`;
  return {
    text: `${sev} still not acknowledged after ${waited}: the repeats are used up, escalating to ${who}. Reply /ack on the issue. ${next}`,
    comment: `this ${sev} is still not acknowledged after ${waited}. The repeats are used up: escalating to ${who}. Reply \`/ack\`. ${next}`,
  };
}

const expireHandoff: TickStep = (incident, now, _url, { config }) => {
  const pending = incident.pendingHandoff;
  if (
    !pending ||
    now.getTime() < Date.parse(pending.at) + config.escalation.handoffTimeout * 60_000
  )
    return { incident, actions: [] };
  const text = `Hand-over to ${pending.to} not accepted within ${config.escalation.handoffTimeout} min; ${pending.from} stays Incident Lead`;
  const next = {
    ...incident,
    pendingHandoff: undefined,
    timeline: [...incident.timeline, { at: now.toISOString(), text }],
  };
  return {
    incident: next,
    actions: [
      {
        kind: "comment",
        key: `handoff-expired-${Date.parse(pending.at)}`,
        issue: incident.source,
        body: `↩️ ${text}: ${mentionAll([pending.from])}, the incident is back with you.`,
      },
    ],
  };
};

const followTheSun: TickStep = (incident, now, _url, { config }) => {
  if (
    !incident.lead ||
    !config.severity.incidents.includes(incident.severity) ||
    incident.pendingHandoff
  )
    return { incident, actions: [] };
  const next = nextResponder(config, incident.lead, now);
  if (!next?.user || next.user === incident.lead) return { incident, actions: [] };
  // A drill never calls on someone outside it.
  if (onlyDrillParticipants(incident, [next.user], config).length === 0)
    return { incident, actions: [] };
  const day = localDate(zonedParts(now, "UTC"));
  if (incident.done.includes(`sun-${incident.lead}-${day}`)) return { incident, actions: [] };
  const body = [
    `🌍 ${incident.lead}'s working hours are over. Next responder: ${mentionAll([next.user])} (${next.rotation}).`,
    next.notes.length ? `_${next.notes.join("; ")}._` : "",
    `${incident.lead}, hand over with \`/handoff @${next.user}\`.`,
  ]
    .filter(Boolean)
    .join("\n\n");
  return once(incident, `sun-${incident.lead}-${day}`, body);
};

const remindStale: TickStep = (incident, now, _url, { config }) => {
  const last = incident.timeline.at(-1)?.at ?? incident.declaredAt;
  if (now.getTime() < Date.parse(last) + config.escalation.staleAfterHours * 3_600_000)
    return { incident, actions: [] };
  if (incident.done.includes(`stale-${Date.parse(last)}`)) return { incident, actions: [] };
  const body = `💤 No activity on this ${severityName(incident.severity)} for ${formatDuration(last, now.toISOString())}. Post a \`/status\`, or \`/resolve\` it if it is over.${incident.lead ? ` ${mentionAll([incident.lead])}` : ""}`;
  return once(incident, `stale-${Date.parse(last)}`, body);
};

/** A reminder recorded in the ledger as it is decided, so later ticks find nothing due and cost no request. */
function once(
  incident: Incident,
  key: string,
  body: string,
): { incident: Incident; actions: Action[] } {
  return {
    incident: { ...incident, done: [...incident.done, key] },
    actions: [{ kind: "comment", key, issue: incident.source, body }],
  };
}
