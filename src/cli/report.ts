import { writeFileSync } from "node:fs";
import { computeReport, parseSince, type ReportedIncident } from "../core/metrics.js";
import type { Incident } from "../core/model.js";
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
  const flags = parseFlags(args);
  const repo = flags._;
  const since = parseSince(flags.since ?? "90d", now);
  if (!isRepoName(repo, platformOf(flags)) || !since) {
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
  const reported: ReportedIncident[] = [];
  for (const incident of incidents)
    reported.push({ incident, postMortemDone: await postMortemDone(remote, incident) });
  const report = computeReport(
    reported,
    since,
    now.toISOString(),
    config.escalation.statusEvery,
    config.resolution.postMortemSeverities,
  );
  out(renderReportMarkdown(report));
  if (flags.html) {
    writeFileSync(flags.html, renderReportHtml(report));
    out(`\nwrote ${flags.html}`);
  }
  return 0;
}

/** A post-mortem counts as done when its issue is closed. */
async function postMortemDone(remote: Remote, incident: Incident): Promise<boolean> {
  const ref = incident.links.postMortem;
  return ref ? (await remote.forge.getIssue(ref)).state === "closed" : false;
}
