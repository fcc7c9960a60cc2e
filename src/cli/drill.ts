import { randomBytes } from "node:crypto";
import yaml from "js-yaml";
import { incidentFromLog } from "../app/handle-tick.js";
import { toIssueSnapshot, type GithubIssue } from "../adapters/github/snapshots.js";
import { parseConfigText } from "../config/load.js";
import { drillReport, renderDrillReport } from "../core/drill.js";
import { startSandbox } from "../sandbox/index.js";
import { bundledScenarioPath, loadScenarioFile } from "../scenario/load.js";
import { formatRepository } from "../scenario/print.js";
import { playScenario, prepareRepository } from "../scenario/run.js";
import type { Scenario } from "../scenario/schema.js";
import { FAST_CLOCK, startServerProcess } from "../scenario/server-process.js";
import { waitForQuiet } from "../scenario/settle.js";

/**
 * `sevbot drill [scenario.yml]`: a tabletop exercise on the sandbox. The scenario's issues carry
 * the drill label, only its people are notified, and a drill report closes it: time to
 * acknowledge and the steps the team missed.
 */
export async function runDrill(args: string[], out: (line: string) => void = console.log): Promise<number> {
  const scenario = asDrill(loadScenarioFile(args[0] ?? bundledScenarioPath("sev1-checkout-outage")));
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
