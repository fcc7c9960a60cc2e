import { writeFileSync } from "node:fs";
import { defaultConfig } from "../config/load.js";
import { computeReport, parseSince } from "../core/metrics.js";
import { issueKey, type Incident, type IssueRef } from "../core/model.js";
import { computeRecurrence, type TrackedIncident } from "../core/recurrence.js";
import { renderReportHtml, renderReportMarkdown } from "../core/render/report.js";
import { platformOf, remoteFromFlags } from "./connect.js";
import { parseFlags } from "./flags.js";
import { readIncidents } from "./log-incidents.js";
import { isRepoName, type Remote } from "./remote.js";

const USAGE =
  "Usage: sevbot report <owner/repo> [--since 90d|12w|6m|YYYY-MM-DD] [--html report.html] [--api URL] [--token T]\n       sevbot report <group/project> --gitlab URL [--token T] [--since …] [--html report.html]";

/**
 * `sevbot report <owner/repo> [--gitlab URL] [--since 90d] [--html file] [--api URL] [--token T]`:
 * metrics from the tracker's log issues (open and closed), Markdown on stdout, optionally a
 * self-contained page.
 */
export async function runReport(
  args: string[],
  env: Record<string, string | undefined>,
  out: (line: string) => void = console.log,
  now = new Date(),
): Promise<number> {
  const flags = parseFlags(args);
  const repo = flags._;
  const since = parseSince(flags.since ?? "90d", now);
  if (!isRepoName(repo, platformOf(flags)) || !since) {
    out(USAGE);
    return 2;
  }
  const config = defaultConfig();
  const remote = remoteFromFlags(flags, env);
  const incidents = await readIncidents(remote, repo, config, since);
  const reported: TrackedIncident[] = [];
  const closed = isClosed(remote);
  for (const incident of incidents) reported.push(await followThrough(closed, incident));
  const report = computeReport(
    reported,
    since,
    now.toISOString(),
    config.escalation.statusEvery,
    config.resolution.postMortemSeverities,
  );
  const recurrence = computeRecurrence(reported, since, now.toISOString());
  out(renderReportMarkdown(report, recurrence));
  if (flags.html) {
    writeFileSync(flags.html, renderReportHtml(report, recurrence));
    out(`\nwrote ${flags.html}`);
  }
  return 0;
}

/** Whether an issue is closed, each issue read once however many incidents name it. */
function isClosed(remote: Remote): (ref: IssueRef) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (ref) => {
    const key = issueKey(ref);
    if (!known.has(key))
      known.set(
        key,
        remote.forge.getIssue(ref).then((issue) => issue.state === "closed"),
      );
    return known.get(key)!;
  };
}

/** A post-mortem, follow-up or action item counts as done when its issue is closed. */
async function followThrough(
  closed: (ref: IssueRef) => Promise<boolean>,
  incident: Incident,
): Promise<TrackedIncident> {
  const { postMortem, followUp } = incident.links;
  let actionItemsDone = 0;
  for (const item of incident.actionItems ?? []) if (await closed(item)) actionItemsDone++;
  return {
    incident,
    postMortemDone: postMortem ? await closed(postMortem) : false,
    ...(followUp ? { followUpDone: await closed(followUp) } : {}),
    actionItemsDone,
  };
}
