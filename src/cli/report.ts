import { writeFileSync } from "node:fs";
import { computeReport, parseSince } from "../core/metrics.js";
import { actionItemsIn } from "../core/action-items.js";
import type { IssueSnapshot } from "../core/events.js";
import { issueKey, sameIssue, type Incident, type IssueRef } from "../core/model.js";
import { computeRecurrence, type TrackedIncident } from "../core/recurrence.js";
import { renderReportHtml, renderReportMarkdown } from "../core/render/report.js";
import { platformOf, remoteFromFlags } from "./connect.js";
import { parseFlags } from "./flags.js";
import { readIncidents } from "./log-incidents.js";
import { repoNameProblem, type Remote } from "./remote.js";

const USAGE =
  "Usage: sevbot report <owner/repo> [--since 90d|12w|6m|YYYY-MM-DD] [--html report.html] [--api URL] [--token T]\n       sevbot report <group/project> --gitlab URL [--token T] [--since …] [--html report.html]";

/**
 * `sevbot report <owner/repo> [--gitlab URL] [--since 90d] [--html file] [--api URL] [--token T]`:
 * metrics from the tracker's log issues (open and closed), Markdown on stdout, optionally a
 * self-contained page. The repository's own config says where the tracker is, which label marks
 * a log and which cadence and post-mortems count, as it does for the server.
 */
export async function runReport(
  args: string[],
  env: Record<string, string | undefined>,
  out: (line: string) => void = console.log,
  now = new Date(),
  err: (line: string) => void = console.error,
): Promise<number> {
  const flags = parseFlags(args, ["token", "api", "gitlab", "since", "html"]);
  const repo = flags._;
  const since = parseSince(flags.since ?? "90d", now);
  if (!since) {
    err(`sevbot report: --since must be like 90d, 12w, 6m or 2026-01-31, not "${flags.since}".`);
    return 2;
  }
  const problem = repoNameProblem("report", repo, platformOf(flags));
  if (problem) {
    err(problem);
    out(USAGE);
    return 2;
  }
  const remote = remoteFromFlags(flags, env);
  const { config, error } = await remote.readConfig(repo);
  if (error) err(`${error}\n`);
  const tracker = config.tracker.repository || repo;
  if (tracker !== repo)
    err(`Incident logs of ${repo} are kept in ${tracker} (tracker.repository).`);
  // A shared tracker holds other repositories' incidents too: the report is about this one's.
  const incidents = (await readIncidents(remote, tracker, config, since)).filter(
    (incident) => tracker === repo || incident.source.repo.toLowerCase() === repo.toLowerCase(),
  );
  const reported: TrackedIncident[] = [];
  const read = issueReader(remote);
  for (const incident of incidents) reported.push(await followThrough(read, incident));
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

/** Reads each issue once however many incidents name it. */
function issueReader(remote: Remote): (ref: IssueRef) => Promise<IssueSnapshot> {
  const known = new Map<string, Promise<IssueSnapshot>>();
  return (ref) => {
    const key = issueKey(ref);
    if (!known.has(key)) known.set(key, remote.forge.getIssue(ref));
    return known.get(key)!;
  };
}

/**
 * A post-mortem, follow-up or action item counts as done when its issue is closed. Action items
 * are the `/action` issues and those the post-mortem lists under its action items.
 */
async function followThrough(
  read: (ref: IssueRef) => Promise<IssueSnapshot>,
  incident: Incident,
): Promise<TrackedIncident> {
  const { postMortem, followUp } = incident.links;
  const closed = async (ref: IssueRef) => (await read(ref)).state === "closed";
  const listed = postMortem
    ? actionItemsIn((await read(postMortem)).body, postMortem.repo, postMortem.platform)
    : [];
  const items = [...(incident.actionItems ?? [])];

  for (const ref of listed) if (!items.some((item) => sameIssue(item, ref))) items.push(ref);
  let actionItemsDone = 0;
  for (const item of items) if (await closed(item)) actionItemsDone++;
  return {
    incident: { ...incident, actionItems: items },
    postMortemDone: postMortem ? await closed(postMortem) : false,
    ...(followUp ? { followUpDone: await closed(followUp) } : {}),
    actionItemsDone,
  };
}
