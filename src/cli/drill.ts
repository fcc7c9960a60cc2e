import { randomBytes } from "node:crypto";
import { Octokit } from "@octokit/rest";
import yaml from "js-yaml";
import { incidentFromLog } from "../app/handle-tick.js";
import { toIssueSnapshot, type GithubIssue } from "../adapters/github/snapshots.js";
import { parseConfigText } from "../config/load.js";
import { drillReport, renderDrillReport } from "../core/drill.js";
import { startSandbox } from "../sandbox/index.js";
import { bundledScenarioPath, loadScenarioFile } from "../scenario/load.js";
import { formatRepository } from "../scenario/print.js";
import { restActor } from "../scenario/actor.js";
import { playScenario, prepareRepository } from "../scenario/run.js";
import type { Scenario } from "../scenario/schema.js";
import { FAST_CLOCK, startServerProcess } from "../scenario/server-process.js";
import { waitForQuiet } from "../scenario/settle.js";
import { parseFlags } from "./flags.js";

/**
 * `sevbot drill [scenario.yml]`: a tabletop exercise on the sandbox. The scenario's issues carry
 * the drill label, only its people are notified, and a drill report closes it: time to
 * acknowledge and the steps the team missed.
 */
export async function runDrill(args: string[], out: (line: string) => void = console.log, env: Record<string, string | undefined> = {}): Promise<number> {
  const flags = parseFlags(args);
  const scenario = asDrill(loadScenarioFile(flags._ || bundledScenarioPath("sev1-checkout-outage")));
  if (flags.repo) return drillOnRepository({ ...scenario, repository: flags.repo }, flags, env, out);
  const webhookSecret = randomBytes(16).toString("hex");
  const sandbox = await startSandbox({ webhookSecret });
  const clock = { ...FAST_CLOCK, epoch: new Date().toISOString() };
  const server = await startServerProcess({ gheHost: sandbox.gheHost, webhookSecret, clock });
  try {
    sandbox.setWebhookUrl(server.webhookUrl);
    prepareRepository(sandbox, scenario);
    out(`🎭 Drill: ${scenario.name} (time runs ${clock.speed}× faster)`);
    await playScenario(scenario, { sandbox, settle: () => waitForQuiet(sandbox, 300), narrate: out, clockSpeed: clock.speed });
    out(`\n${formatRepository(sandbox, scenario.repository)}\n`);
    const { config } = parseConfigText(scenario.config, ".github/sevbot.yml");
    const logs = sandbox.issues(scenario.repository).filter((issue) => issue.labels.some((label) => label.name === config.tracker.logLabel));
    for (const log of logs) {
      const incident = incidentFromLog(toIssueSnapshot(log as unknown as GithubIssue, scenario.repository, false));
      if (incident) out(renderDrillReport(incident.title, drillReport(incident, config)));
    }
    if (logs.length === 0) out("## Drill report\n\nNo incident was declared: the severity label was never applied.");
    return 0;
  } finally {
    await server.stop();
    await sandbox.close();
  }
}

/**
 * A drill on a real repository where sevbot is installed: the steps are taken through the API
 * with the given token, in real time, and the report is read back from the log issues.
 */
async function drillOnRepository(scenario: Scenario, flags: Record<string, string | undefined>, env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const octokit = new Octokit({ auth: flags.token ?? env.GITHUB_TOKEN, baseUrl: flags.api ?? env.GITHUB_API_URL ?? "https://api.github.com" });
  const settleMs = Number(flags.settle ?? "5") * 1000;
  const started = new Date().toISOString();
  out(`🎭 Drill: ${scenario.name} on ${scenario.repository} (sevbot must be installed there; steps run as the token's user)`);
  await playScenario(scenario, { sandbox: restActor(octokit), settle: () => new Promise((resolve) => setTimeout(resolve, settleMs)), narrate: out });
  const { config } = parseConfigText(scenario.config, ".github/sevbot.yml");
  const [owner = "", repo = ""] = scenario.repository.split("/");
  const logs = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: config.tracker.logLabel, state: "all", since: started, per_page: 100 });
  for (const log of logs) {
    const incident = incidentFromLog(toIssueSnapshot(log as unknown as GithubIssue, scenario.repository, false));
    if (incident?.drill) out(renderDrillReport(incident.title, drillReport(incident, config)));
  }
  return 0;
}

/** Every issue the scenario opens is labelled as a drill; its people are the drill's participants. */
export function asDrill(scenario: Scenario): Scenario {
  const config = (yaml.load(scenario.config ?? "") ?? {}) as Record<string, unknown>;
  const drills = (config.drills ?? {}) as Record<string, unknown>;
  const label = typeof drills.label === "string" ? drills.label : "drill";
  const participants = [...new Set([...Object.keys(scenario.collaborators), ...((drills.participants as string[] | undefined) ?? [])])];
  return {
    ...scenario,
    name: `${scenario.name} (drill)`,
    config: yaml.dump({ ...config, drills: { ...drills, label, participants } }),
    steps: scenario.steps.map((step) => ("open" in step ? { open: { ...step.open, labels: [...step.open.labels, label] } } : step)),
  };
}
