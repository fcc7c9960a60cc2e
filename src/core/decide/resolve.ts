import type { Action } from "../actions.js";
import { addBusinessDays } from "../business-days.js";
import { issueKey, type Incident, type IssueRef } from "../model.js";
import { incidentDisplayTitle } from "../render/log-issue.js";
import {
  renderAgendaItem,
  renderAnnouncement,
  renderFollowUpBody,
  renderPostMortemBody,
} from "../render/resolution.js";
import { labelsFor } from "../drill.js";
import { milestoneNotification } from "../notify.js";
import { formatDuration, issueLink } from "../render/format.js";
import { transition } from "../transitions.js";
import { refreshAfterResolution, type ResolutionStatement } from "./record-resolution.js";
import { swapStatusLabel } from "./status-labels.js";
import { incidentTrackerRepo, type DecideContext, type Decision } from "./types.js";

/**
 * Seed 001's resolution: follow-up when the root cause is unknown, announcement, log updated and
 * closed (on save), post-mortem for Sev-1/2, architecture-meeting agenda item, status labels.
 */
export function resolveIncident(
  incident: Incident,
  actor: string,
  statement: ResolutionStatement | undefined,
  closedWithoutResolve: boolean,
  context: DecideContext,
): Decision {
  const { config, now } = context;
  const result = transition(
    incident,
    "resolved",
    actor,
    now,
    closedWithoutResolve ? "source issue closed" : resolutionNote(statement),
  );
  if (!result.ok) return { incident, actions: [] };
  const needsPostMortem = config.resolution.postMortemSeverities.includes(incident.severity);
  const stated: Incident = {
    ...result.incident,
    statusOverdue: false,
    rootCause: statement?.rootCause ?? incident.rootCause ?? { known: false },
    ...(statement?.summary ? { resolutionSummary: statement.summary } : {}),
    ...(needsPostMortem
      ? {
          postMortemDue:
            incident.postMortemDue ??
            addBusinessDays(now, config.resolution.postMortemDueBusinessDays),
        }
      : {}),
  };
  const step = stated.timeline.length;
  // A resolution after a reopen: close or update what the first one left behind.
  const refreshed = refreshAfterResolution(incident, stated, step, context);
  const resolved = refreshed.incident;
  const tracker = incidentTrackerRepo(incident, config);
  const actions: Action[] = [
    ...refreshed.actions,
    ...followUp(resolved, step, context),
    ...(needsPostMortem ? postMortem(resolved, tracker, step, context) : []),
    ...securityRelease(resolved, step, context),
    {
      kind: "comment",
      key: `resolved-${step}`,
      issue: incident.source,
      body: renderAnnouncement(resolved, closedWithoutResolve),
    },
    ...agendaItem(resolved, context),
    milestoneNotification(
      resolved,
      "resolve",
      `Resolved after ${formatDuration(resolved.declaredAt, now)}; root cause ${resolved.rootCause?.known ? "known" : "not identified yet"}.`,
      config,
      step,
    ),
    ...swapStatusLabel(incident, "resolved", config),
    ...(incident.statusOverdue
      ? [
          {
            kind: "remove-labels" as const,
            key: `overdue-clear-${step}`,
            issue: incident.source,
            labels: [config.escalation.overdueLabel],
          },
        ]
      : []),
  ];
  return { incident: resolved, actions };
}

function resolutionNote(statement: ResolutionStatement | undefined): string {
  const rootCause = statement?.rootCause;
  const cause = !rootCause
    ? "root cause not stated"
    : rootCause.known
      ? `root cause: ${rootCause.text ?? "identified"}`
      : "root cause unknown";
  return statement?.summary ? `${statement.summary}; ${cause}` : cause;
}

function followUp(incident: Incident, step: number, { config }: DecideContext): Action[] {
  if (incident.rootCause?.known || incident.links.followUp) return [];
  const title = incidentDisplayTitle(incident, incident.source.repo);
  return [
    {
      kind: "create-issue",
      key: `follow-up-${step}`,
      repo: incident.source.repo,
      title: `Follow-up: find the root cause of ${title}`,
      body: renderFollowUpBody(incident, title),
      labels: labelsFor(incident, config.resolution.followUpLabels, config),
      assignees: incident.lead ? [incident.lead] : [],
      linkAs: "followUp",
      confidential: incident.confidential,
    },
  ];
}

function postMortem(
  incident: Incident,
  tracker: string,
  step: number,
  { config }: DecideContext,
): Action[] {
  if (incident.links.postMortem) return [];
  const title = incidentDisplayTitle(incident, tracker);
  return [
    {
      kind: "create-issue",
      key: `post-mortem-${step}`,
      repo: tracker,
      title: `Post-mortem: [SEV-${incident.severity}] ${title}`,
      body: renderPostMortemBody(incident, title),
      labels: labelsFor(incident, config.resolution.postMortemLabels, config),
      assignees: incident.lead ? [incident.lead] : [],
      linkAs: "postMortem",
      confidential: incident.confidential,
    },
  ];
}

/** Seed 002: a security fix ships in a (critical) security release; track it. */
function securityRelease(incident: Incident, step: number, { config }: DecideContext): Action[] {
  if (!incident.security || incident.links.securityRelease) return [];
  const title = incidentDisplayTitle(incident, incident.source.repo);
  return [
    {
      kind: "create-issue",
      key: `security-release-${step}`,
      repo: incident.source.repo,
      title: `Security release: ${title}`,
      body: `Ship the long-term fix for ${issueLink(incident.source)} in a security release.\n\n- [ ] Long-term fix merged\n- [ ] Security release published\n- [ ] Affected users told what to do, if anything\n- [ ] Reporter thanked and informed`,
      labels: labelsFor(incident, config.security.releaseLabels, config),
      assignees: incident.lead ? [incident.lead] : [],
      linkAs: "securityRelease",
      confidential: true,
    },
  ];
}

function agendaItem(incident: Incident, { config }: DecideContext): Action[] {
  const target = parseIssueRef(
    config.resolution.architectureMeetingIssue,
    incident.source.platform,
  );
  if (!target) return [];
  const key = `agenda-${issueKey(incident.source)}-${incident.resolvedAt}`;
  // A drill never writes into (or links to) the real meeting's issue: the item is shown on its own.
  if (incident.drill)
    return [
      {
        kind: "comment",
        key,
        issue: incident.source,
        body: `🎭 Drill: in a real incident this item goes to the architecture meeting (\`${target.repo}#${target.number}\`, not linked); it was not posted there.\n\n${renderAgendaItem(incident, incidentDisplayTitle(incident, incident.source.repo))}`,
      },
    ];
  // The agenda issue may be more public than the incident: a confidential one gets its codename.
  const title = incidentDisplayTitle(incident, target.repo);
  return [{ kind: "comment", key, issue: target, body: renderAgendaItem(incident, title) }];
}

export function parseIssueRef(text: string, platform: IssueRef["platform"]): IssueRef | undefined {
  const match = /^(.+)#(\d+)$/.exec(text);
  return match ? { platform, repo: match[1]!, number: Number(match[2]) } : undefined;
}
