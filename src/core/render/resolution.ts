import { FOLLOW_UP_LINK, LOG_LINK, POST_MORTEM_LINK } from "../actions.js";
import { neutralizeMentions } from "../mentions.js";
import type { Incident } from "../model.js";
import { impactTimes } from "../impact.js";
import { formatDuration, formatInstant, issueLink, severityName } from "./format.js";

function rootCauseLine(incident: Incident): string {
  if (incident.rootCause?.known)
    return `**Root cause:** ${neutralizeMentions(incident.rootCause.text ?? "identified")}`;
  return "**Root cause:** not identified yet";
}

/** Seed 001: announce that the incident is over, with a summary and whether the root cause is known. */
export function renderAnnouncement(incident: Incident, closedWithoutResolve: boolean): string {
  const resolvedAt = incident.resolvedAt ?? incident.declaredAt;
  return [
    `## ✅ ${severityName(incident.severity)} incident resolved after ${formatDuration(incident.declaredAt, resolvedAt)}`,
    "",
    incident.resolutionSummary
      ? `**Resolution:** ${neutralizeMentions(incident.resolutionSummary)}`
      : "",
    rootCauseLine(incident),
    incident.mitigationDecision
      ? `**Mitigation chosen:** ${neutralizeMentions(incident.mitigationDecision)}`
      : "",
    `**Incident log:** ${LOG_LINK}`,
    incident.rootCause?.known ? "" : `**Follow-up to find the root cause:** ${FOLLOW_UP_LINK}`,
    incident.links.postMortem || incident.postMortemDue
      ? `**Post-mortem:** ${POST_MORTEM_LINK} (due ${incident.postMortemDue})`
      : "",
    closedWithoutResolve
      ? "\nThe issue was closed without `/resolve`: reply `/resolve root cause: <what it was>` once it is known, so the log is complete."
      : "",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

export function renderFollowUpBody(incident: Incident, title: string): string {
  return [
    `The ${severityName(incident.severity)} incident ${issueLink(incident.source)} (${title}) was resolved before its root cause was found.`,
    "",
    "- [ ] Find the root cause",
    "- [ ] Fix it, or record why it will not be fixed",
    "- [ ] Add what was learned to the incident log",
    "",
    `Incident log: ${LOG_LINK}`,
  ].join("\n");
}

export function durationsTable(incident: Incident): string[] {
  const row = (name: string, at: string | undefined) =>
    `| ${name} | ${at ? formatDuration(incident.declaredAt, at) : "—"} |`;
  return [
    "| Measure | Duration |",
    "| --- | --- |",
    row("Time to acknowledge", incident.acknowledgedAt),
    row("Time to mitigate", incident.mitigatedAt),
    row("Time to resolve", incident.resolvedAt),
  ];
}

export function timelineTable(incident: Incident): string[] {
  return [
    "| Time | Event |",
    "| --- | --- |",
    ...incident.timeline.map(
      (entry) =>
        `| ${formatInstant(entry.at)} | ${neutralizeMentions(entry.text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ")} |`,
    ),
  ];
}

/** Seed 001: the person closest to the issue instantiates a post-mortem doc soon after. */
export function renderPostMortemBody(incident: Incident, title: string): string {
  return [
    `Post-mortem of the ${severityName(incident.severity)} incident ${issueLink(incident.source)}: ${title}.`,
    "",
    `**Due:** ${incident.postMortemDue} · **Incident log:** ${LOG_LINK}`,
    "",
    "## Summary",
    incident.resolutionSummary
      ? `Resolution: ${neutralizeMentions(incident.resolutionSummary)}`
      : "_What happened, in two or three sentences._",
    "",
    "## Impact",
    ...impactSection(incident),
    "",
    "## Durations",
    ...durationsTable(incident),
    "",
    "## Timeline",
    ...timelineTable(incident),
    "",
    "## Root cause",
    incident.rootCause?.known
      ? neutralizeMentions(incident.rootCause.text ?? "")
      : `_Not identified yet: see ${FOLLOW_UP_LINK}._`,
    "",
    "## What went well / what went badly",
    "",
    "## Lessons and action items",
    ...actionItemLines(incident),
    "- [ ] ",
    "",
    // Seed 003: review and update the plan after any significant incident.
    "## Does the incident response plan need a change?",
    "_What in the plan, the checklist or the escalation did not fit this incident? Open an issue for each change._",
  ].join("\n");
}

/** The impact as recorded with `/impact` and the timeline, else the prompt to write it. */
function impactSection(incident: Incident): string[] {
  const { impactStartedAt, detectedAt } = impactTimes(incident);
  const times = [
    impactStartedAt ? `**Impact started:** ${formatInstant(impactStartedAt)}` : "",
    detectedAt
      ? `**Detected:** ${formatInstant(detectedAt)}${impactStartedAt ? ` (time to detect ${formatDuration(impactStartedAt, detectedAt)})` : ""}`
      : "",
    incident.warRoom ? `**War room:** [#${incident.warRoom.name}](${incident.warRoom.url})` : "",
  ].filter((line) => line !== "");
  return [
    incident.impact
      ? neutralizeMentions(incident.impact)
      : "_Who was affected, how, for how long._",
    ...(times.length > 0 ? ["", times.join(" · ")] : []),
  ];
}

/** Action items linked with `/action`, as tasks referencing their issues. */
function actionItemLines(incident: Incident): string[] {
  const suffix = incident.source.platform === "gitlab" ? "+" : "";
  return (incident.actionItems ?? []).map((ref) => `- [ ] ${issueLink(ref)}${suffix}`);
}

export function renderAgendaItem(incident: Incident, title: string): string {
  return [
    `### Agenda item: ${severityName(incident.severity)} incident ${issueLink(incident.source)}`,
    "",
    `Brief the team on ${title}: resolved after ${formatDuration(incident.declaredAt, incident.resolvedAt ?? incident.declaredAt)}; root cause ${incident.rootCause?.known ? "known" : "still unknown"}.`,
    `Incident log: ${LOG_LINK}`,
  ].join("\n");
}
