import { writeFileSync } from "node:fs";
import { Octokit } from "@octokit/rest";
import { incidentFromLog } from "../app/handle-tick.js";
import { toIssueSnapshot, type GithubIssue } from "../adapters/github/snapshots.js";
import { defaultConfig } from "../config/load.js";
import { computeReport, parseSince, type ReportedIncident } from "../core/metrics.js";
import { renderReportHtml, renderReportMarkdown } from "../core/render/report.js";
import { parseFlags } from "./flags.js";

/**
 * `sevbot report <owner/repo> [--since 90d] [--html file] [--api URL] [--token T]`: metrics from
 * the tracker's log issues (open and closed), Markdown on stdout, optionally a self-contained page.
 */
export async function runReport(args: string[], env: Record<string, string | undefined>, out: (line: string) => void = console.log, now = new Date()): Promise<number> {
  const flags = parseFlags(args);
  const repo = flags._;
  const since = parseSince(flags.since ?? "90d", now);
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo) || !since) {
    out("Usage: sevbot report <owner/repo> [--since 90d|12w|6m|YYYY-MM-DD] [--html report.html] [--api URL] [--token T]");
    return 2;
  }
  const config = defaultConfig();
  const octokit = new Octokit({ auth: flags.token ?? env.GITHUB_TOKEN, baseUrl: flags.api ?? env.GITHUB_API_URL ?? "https://api.github.com" });
  const [owner = "", name = ""] = repo.split("/");
  const logs = (await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo: name, labels: config.tracker.logLabel, state: "all", since, per_page: 100 })) as GithubIssue[];
  const reported: ReportedIncident[] = [];
  for (const log of logs) {
    const incident = incidentFromLog(toIssueSnapshot(log, repo, false));
    if (!incident) continue;
    const postMortem = incident.links.postMortem;
    const postMortemDone = postMortem ? (await octokit.rest.issues.get({ owner: postMortem.repo.split("/")[0]!, repo: postMortem.repo.split("/")[1]!, issue_number: postMortem.number })).data.state === "closed" : false;
    reported.push({ incident, postMortemDone });
  }
  const report = computeReport(reported, since, now.toISOString(), config.escalation.statusEvery, config.resolution.postMortemSeverities);
  out(renderReportMarkdown(report));
  if (flags.html) {
    writeFileSync(flags.html, renderReportHtml(report));
    out(`\nwrote ${flags.html}`);
  }
  return 0;
}
