import type { Action } from "../actions.js";
import type { Actor, IssueSnapshot } from "../events.js";
import { issueKey, type Incident, type Severity } from "../model.js";
import { labelsFor, onlyDrillParticipants } from "../drill.js";
import { componentsOf, ownersFor, unknownComponents } from "../owners.js";
import { renderChecklist } from "../render/checklist.js";
import { incidentDisplayTitle, logIssueTitle } from "../render/log-issue.js";
import { severityName } from "../render/format.js";
import { summarizeReproduction } from "../repro.js";
import { matchFeatures } from "../similar/features.js";
import { dueEscalations, recordTiming } from "../escalation.js";
import { isSecurityReport } from "../security.js";
import { otherSeverityLabels } from "../severity.js";
import { statusLabel } from "./status-labels.js";
import { escalationActions } from "./tick.js";
import { trackerRepoFor, type DecideContext, type Decision } from "./types.js";

/** A severity that is an incident appeared on an issue with no incident yet. */
export function declareIncident(
  issue: IssueSnapshot,
  severity: Severity,
  actor: Actor,
  trigger: string,
  context: DecideContext,
): Decision {
  const { config, now } = context;
  const declared: Incident = {
    source: issue.ref,
    title: issue.title,
    severity,
    status: "declared",
    declaredAt: now,
    declaredBy: actor.login,
    escalationStartedAt: now,
    url: issue.url,
    components: componentsOf(issue.labels, config.components.labelPrefix),
    ...matchFeatures(issue.title, issue.body),
    // Reporter details never reach a tracker more people can read (seed 002): security is confidential.
    confidential: issue.confidential || isSecurityReport(issue, config),
    ...(isSecurityReport(issue, config) ? { security: true } : {}),
    ...(issue.labels.some((label) => label.toLowerCase() === config.drills.label.toLowerCase())
      ? { drill: true }
      : {}),
    links: {},
    paged: false,
    timeline: [
      {
        at: now,
        text: `${severityName(severity)} declared by ${actor.login} (${trigger})`,
        actor: actor.login,
      },
    ],
    done: [],
  };
  const incident = recordTiming(declared, config);
  const trackerRepo = trackerRepoFor(config, issue.ref.repo);
  const actions: Action[] = [
    {
      kind: "create-log-issue",
      key: "log",
      repo: trackerRepo,
      title: logIssueTitle(incident, trackerRepo),
      labels: labelsFor(incident, [config.tracker.logLabel], config),
    },
    ...declaredOnIssue(incident, issue, context),
    ...removeOtherSeverityLabels(issue, severity, context),
  ];
  // Steps due at once (after: 0) go out with the declaration; later ones come with ticks.
  const { fire } = dueEscalations(incident, config, new Date(now));
  const notify = fire.flatMap((entry) =>
    escalationActions(incident, entry, new Date(now), issue.url, context).filter(
      (action) => action.kind === "notify",
    ),
  );
  return {
    incident: { ...incident, done: fire.map((entry) => entry.key) },
    actions: [
      ...actions,
      ...notify,
      ...warRoom(incident, context),
      similarAction(incident, "similar", false, context),
    ],
  };
}

/**
 * The checklist and the status label on the source issue. Both are found again by their marker and
 * label, so an event that finds the incident already declared ensures them again at no cost: a
 * declaring job that failed after opening the log (its retry, or a tick's escalation comment, then
 * finds the incident) still gets them.
 */
export function declaredOnIssue(
  incident: Incident,
  issue: IssueSnapshot,
  { config }: DecideContext,
): Action[] {
  // Seed 002: a security incident engages the security on-call besides the component's EM and PM (its owners).
  const engaged = incident.security
    ? [...ownersFor(issue.labels, config), ...config.security.engage]
    : ownersFor(issue.labels, config);
  const owners = onlyDrillParticipants(incident, engaged, config);
  return [
    {
      kind: "comment",
      key: "checklist",
      issue: incident.source,
      body: renderChecklist({
        incident,
        config,
        owners,
        repro: summarizeReproduction(issue.body),
        unknown: unknownComponents(issue.labels, config),
      }),
    },
    {
      kind: "add-labels",
      key: "status",
      issue: incident.source,
      labels: [statusLabel(incident.status, config)],
    },
  ];
}

/** Past incidents like this one, posted last so the checklist never waits for the search. */
export function similarAction(
  incident: Incident,
  key: string,
  sayWhenNone: boolean,
  { config, now }: DecideContext,
): Action {
  return {
    kind: "similar",
    at: now,
    key,
    issue: incident.source,
    repo: trackerRepoFor(config, incident.source.repo),
    label: config.tracker.logLabel,
    sayWhenNone,
  };
}

/**
 * Seed 001: a temporary war-room channel per Sev-1/2 (e.g. `2026-11-22-war-room-error-500`),
 * its link posted in the incidents channel and the issue. Never for drills; named after the
 * codename when the incident is confidential.
 */
function warRoom(incident: Incident, { config, now }: DecideContext): Action[] {
  if (incident.drill || !config.severity.incidents.includes(incident.severity)) return [];
  const title = incidentDisplayTitle(incident, "");
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 50);
  const channels = config.escalation.policies[incident.severity].steps[0]?.notify.channels ?? [];
  return [
    {
      kind: "war-room",
      key: "war-room",
      name: `${now.slice(0, 10)}-war-room-${slug}`,
      topic: warRoomTopic(incident),
      announce: {
        key: "war-room",
        incidentKey: issueKey(incident.source),
        kind: "war-room",
        severity: incident.severity,
        title,
        text: "War room open: join to help.",
        url: incident.url ?? "",
        targets: { channels, users: [], emails: [], page: false },
      },
    },
  ];
}

/** The war room's topic: the severity, the (display) title and the issue. */
export function warRoomTopic(incident: Incident): string {
  const head = `${severityName(incident.severity)}: ${incidentDisplayTitle(incident, "")}`;
  const url = incident.url ?? "";
  // Slack keeps 250 characters: the title gives way, so the address that finds the incident
  // again (adapters/slack/war-room-lookup.ts) is never cut.
  const room = TOPIC_LIMIT - url.length - 1;
  const shown = head.length > room ? `${head.slice(0, Math.max(0, room - 1))}…` : head;
  return `${shown} ${url}`.trim();
}

const TOPIC_LIMIT = 250;

/** GitHub labels do not replace each other as GitLab's scoped labels do: keep one severity label. */
export function removeOtherSeverityLabels(
  issue: IssueSnapshot,
  keep: Severity,
  { config }: DecideContext,
): Action[] {
  const others = otherSeverityLabels(issue.labels, keep, config.severity.labels);
  if (others.length === 0) return [];
  return [
    { kind: "remove-labels", key: `severity-labels-${keep}`, issue: issue.ref, labels: others },
  ];
}
