import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createGithubForge } from "../adapters/github/forge.js";
import { createSevbotOctokit } from "../adapters/github/octokit.js";
import { createGitlabClient } from "../adapters/gitlab/client.js";
import { createGitlabForge } from "../adapters/gitlab/forge.js";
import type { Incident, Platform } from "../core/model.js";
import { logIssueTitle, renderLogIssueBody } from "../core/render/log-issue.js";
import { pastIncidents, queryOf, rankSimilar, similarComment } from "../core/similar/index.js";
import type { Forge } from "../ports/forge.js";
import {
  GITLAB_BOT_USERNAME,
  GITLAB_SANDBOX_TOKEN,
  startSandbox,
  type Sandbox,
} from "../sandbox/index.js";
import {
  evaluate,
  newest,
  pastEntries,
  score,
  type CorpusIncident,
  type CorpusQuery,
  type PlantedPast,
  type Scores,
} from "./similar-corpus.js";

/**
 * `npm run eval:similar`: the similar-incident search against public post-mortems (108 log
 * issues on the sandbox, each platform), printing precision@3 and recall@3 against the planted
 * recurrences and against the collection's own grouping by cause, and what one search costs per
 * declaration: its requests and its time (the listing through the real adapter plus the ranking).
 */
const REPO = "acme/incidents";
const LABEL = "incident-log";
const CORPUS = fileURLToPath(new URL("../../test/fixtures/similar-corpus/", import.meta.url));

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(`${CORPUS}${name}`, "utf8")) as T;
}

function forgeFor(platform: Platform, sandbox: Sandbox): Forge {
  if (platform === "gitlab")
    return createGitlabForge(
      createGitlabClient({ host: sandbox.url, token: GITLAB_SANDBOX_TOKEN }),
      {
        botUsername: GITLAB_BOT_USERNAME,
        userIds: new Map(),
      },
    );
  const Octokit = createSevbotOctokit({ writeIntervalMs: 0 });
  return createGithubForge(
    new Octokit({ auth: "ghs_eval", baseUrl: sandbox.apiUrl } as ConstructorParameters<
      typeof Octokit
    >[0]),
  );
}

interface Cost {
  requests: number[];
  ms: number[];
  /** The pure part alone: reading 100 state blocks, ranking, rendering. */
  rankMs: number[];
}

async function run(platform: Platform) {
  const incidents = readJson<CorpusIncident[]>("incidents.json");
  const planted = readJson<{ pastRecurrences: PlantedPast[]; queries: CorpusQuery[] }>(
    "planted.json",
  );
  const entries = pastEntries(incidents, planted.pastRecurrences, platform, "acme/shop");
  const sandbox = await startSandbox({ webhookSecret: "eval", platform });
  sandbox.createRepo("acme/shop");
  sandbox.createRepo(REPO);
  const idOfLog = new Map<number, string>();
  for (const entry of entries) {
    const number = await sandbox.openIssue(REPO, {
      as: GITLAB_BOT_USERNAME,
      title: logIssueTitle(entry.incident, REPO),
      body: renderLogIssueBody(entry.incident, REPO),
      labels: [LABEL],
    });
    await sandbox.closeIssue(REPO, number, { as: GITLAB_BOT_USERNAME });
    idOfLog.set(number, entry.id);
  }
  const forge = forgeFor(platform, sandbox);
  // Warm: a running server has its connections open and GitLab's project visibility cached.
  await forge.listRecentIssues(REPO, LABEL);
  const seen = newest(entries);
  const outsideWindow = planted.queries
    .flatMap((query) => query.relevant)
    .filter((id) => !seen.some((entry) => entry.id === id)).length;
  const cost: Cost = { requests: [], ms: [], rankMs: [] };
  let listed = 0;
  // What the executor does at a declaration: one listing, the pure ranking, the comment's text.
  const search = async (incident: Incident) => {
    const before = sandbox.requests.length;
    const started = performance.now();
    const logs = await forge.listRecentIssues(REPO, LABEL);
    const read = performance.now();
    similarComment(incident, logs, false);
    cost.ms.push(performance.now() - started);
    cost.rankMs.push(performance.now() - read);
    cost.requests.push(sandbox.requests.length - before);
    listed = logs.length;
    return rankSimilar(queryOf(incident), pastIncidents(logs)).map(
      (match) => idOfLog.get(match.log.number) ?? "?",
    );
  };
  const evaluation = await evaluate(seen, planted.queries, search);
  const invalid = sandbox.requests.filter((request) => !request.valid).length;
  await sandbox.close();
  return { evaluation, cost, listed, total: entries.length, outsideWindow, invalid };
}

const fmt = (value: number, digits = 2) => value.toFixed(digits);
const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

function scoreRow(name: string, scores: Scores): string {
  return `| ${name} | ${scores.queries} | ${fmt(scores.precision)} | ${fmt(scores.recall)} | ${scores.hits}/${scores.posted} | ${fmt(scores.strictPrecision)} |`;
}

async function main() {
  for (const platform of ["github", "gitlab"] as const) {
    const result = await run(platform);
    const { planted, newKinds, byCause } = result.evaluation;
    console.log(
      `\n## ${platform}: ${result.total} log issues, the newest ${result.listed} listed per search (${result.outsideWindow} planted answers outside that window); ${result.invalid} requests off the API description`,
    );
    console.log(
      "\n| judged against | queries | precision@3 (relevant among posted) | recall@3 | relevant/posted | textbook P@3 (over 3 slots, bounded by the answers' count) |",
    );
    console.log("| --- | --- | --- | --- | --- | --- |");
    console.log(scoreRow("planted recurrences", score(planted)));
    console.log(
      `| brand-new kinds of failure | ${newKinds.length} | posted for ${newKinds.filter((entry) => entry.posted.length > 0).length} | | | |`,
    );
    console.log(
      scoreRow("danluu's cause sections (config, hardware/power, conflicts, time)", score(byCause)),
    );
    console.log(
      `| … of which posted anything | ${byCause.filter((entry) => entry.posted.length > 0).length} of ${byCause.length} | | | | |`,
    );
    const { requests, ms, rankMs } = result.cost;
    const times = (values: number[]) =>
      `${fmt(percentile(values, 0.5), 1)} | ${fmt(percentile(values, 0.95), 1)} | ${fmt(Math.max(...values), 1)}`;
    console.log("\n| one search per declaration | requests | ms p50 | ms p95 | ms max |");
    console.log("| --- | --- | --- | --- | --- |");
    console.log(
      `| ${requests.length} searches: listing + ranking | max ${Math.max(...requests)} | ${times(ms)} |`,
    );
    console.log(`| … of which ranking 100 logs (pure) | 0 | ${times(rankMs)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
