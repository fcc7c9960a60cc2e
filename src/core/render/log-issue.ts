import { codename } from "../codename.js";
import { logIssueMarker } from "../markers.js";
import { neutralizeMentions } from "../mentions.js";
import { issueKey, type Incident } from "../model.js";
import { impactTimes } from "../impact.js";
import { withStateBlock } from "../state-block.js";
import { formatDuration, formatInstant, issueLink, severityName } from "./format.js";

/**
 * Whether the incident's title and body may appear in the tracker. A confidential incident
 * logged in another repository gets a codename instead (principle 10).
 */
export function mayShowTitle(incident: Incident, trackerRepo: string): boolean {
  return !incident.confidential || trackerRepo === incident.source.repo;
}

export function incidentDisplayTitle(incident: Incident, trackerRepo: string): string {
  if (mayShowTitle(incident, trackerRepo)) return neutralizeMentions(incident.title);
  return `Incident ${codename(issueKey(incident.source))}`;
}

export function logIssueTitle(incident: Incident, trackerRepo: string): string {
  return `[SEV-${incident.severity}] ${incidentDisplayTitle(incident, trackerRepo)}`;
}

/** The log issue body: a summary people read, the timeline, and the hidden state block. */
export function renderLogIssueBody(incident: Incident, trackerRepo: string): string {
  const summary = [
    `## ${severityName(incident.severity)}: ${incidentDisplayTitle(incident, trackerRepo)}`,
    "",
    "| | |",
    "| --- | --- |",
    `| Source | ${issueLink(incident.source)} |`,
    `| Status | ${incident.status} |`,
    `| Declared | ${formatInstant(incident.declaredAt)}${incident.declaredBy ? ` by ${neutralizeMentions(incident.declaredBy)}` : ""} |`,
    `| Incident Lead | ${incident.lead ? neutralizeMentions(incident.lead) : "none yet"} |`,
    ...milestoneRows(incident),
    ...outcomeRows(incident),
    ...learnedRows(incident, trackerRepo),
    ...actionItemsSection(incident, trackerRepo),
    "",
    "## Timeline",
    "",
    "| Time | Event |",
    "| --- | --- |",
    ...incident.timeline.map(
      (entry) => `| ${formatInstant(entry.at)} | ${tableCell(entry.text)} |`,
    ),
    "",
    logIssueMarker(incident.source),
  ].join("\n");
  // The hidden block is as readable as the rest of the tracker: no title there either.
  // Nor the report's words and error signature: a codenamed incident is never matched by its text.
  const stored = mayShowTitle(incident, trackerRepo)
    ? incident
    : {
        ...incident,
        title: incidentDisplayTitle(incident, trackerRepo),
        signature: undefined,
        terms: undefined,
        impact: undefined,
      };
  return withStateBlock(summary, stored);
}

function milestoneRows(incident: Incident): string[] {
  const rows: string[] = [];
  const since = (at: string) =>
    `${formatInstant(at)} (after ${formatDuration(incident.declaredAt, at)})`;
  if (incident.acknowledgedAt)
    rows.push(`| Acknowledged (time to acknowledge) | ${since(incident.acknowledgedAt)} |`);
  if (incident.mitigatedAt)
    rows.push(`| Mitigated (time to mitigate) | ${since(incident.mitigatedAt)} |`);
  if (incident.resolvedAt)
    rows.push(`| Resolved (time to resolve) | ${since(incident.resolvedAt)} |`);
  return rows;
}

function outcomeRows(incident: Incident): string[] {
  const rows: string[] = [];
  if (incident.mitigationDecision)
    rows.push(`| Mitigation chosen | ${tableCell(incident.mitigationDecision)} |`);
  if (incident.resolutionSummary)
    rows.push(`| Resolution | ${tableCell(incident.resolutionSummary)} |`);
  if (incident.rootCause)
    rows.push(
      `| Root cause | ${incident.rootCause.known ? tableCell(incident.rootCause.text ?? "identified") : "unknown"} |`,
    );
  if (incident.links.followUp) rows.push(`| Follow-up | ${issueLink(incident.links.followUp)} |`);
  if (incident.links.postMortem)
    rows.push(
      `| Post-mortem | ${issueLink(incident.links.postMortem)} (due ${incident.postMortemDue ?? "?"}) |`,
    );
  return rows;
}

/** Seed 001's log "so that the solve can be quicker": impact, when it began and was seen, the war room. */
function learnedRows(incident: Incident, trackerRepo: string): string[] {
  const rows: string[] = [];
  if (incident.impact && mayShowTitle(incident, trackerRepo))
    rows.push(`| Impact | ${tableCell(incident.impact)} |`);
  const { impactStartedAt, detectedAt } = impactTimes(incident);
  if (impactStartedAt) rows.push(`| Impact started | ${formatInstant(impactStartedAt)} |`);
  if (detectedAt)
    rows.push(
      `| Detected${impactStartedAt ? " (time to detect)" : ""} | ${formatInstant(detectedAt)}${impactStartedAt ? ` (after ${formatDuration(impactStartedAt, detectedAt)})` : ""} |`,
    );
  if (incident.warRoom)
    rows.push(`| War room | [#${tableCell(incident.warRoom.name)}](${incident.warRoom.url}) |`);
  return rows;
}

/** Linked issues; GitLab's `#12+` shows each one's title and state, GitHub links them. */
function actionItemsSection(incident: Incident, trackerRepo: string): string[] {
  const items = incident.actionItems ?? [];
  if (items.length === 0) return [];
  const from = { ...incident.source, repo: trackerRepo };
  const suffix = incident.source.platform === "gitlab" ? "+" : "";
  return ["", "## Action items", "", ...items.map((ref) => `- ${issueLink(ref, from)}${suffix}`)];
}

function tableCell(text: string): string {
  return neutralizeMentions(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
