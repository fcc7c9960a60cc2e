import yaml from "js-yaml";
import { parseConfigText } from "../config/load.js";
import { loadNamedScenario } from "../scenario/load.js";
import { playOnStack, withLocalStack } from "../scenario/local-stack.js";
import { playScenario } from "../scenario/run.js";
import type { Scenario } from "../scenario/schema.js";
import { SettingsError } from "../config/settings-error.js";
import {
  githubTarget,
  gitlabUrlOf,
  platformOf,
  remoteForSandbox,
  remoteFromFlags,
} from "./connect.js";
import { parseFlags } from "./flags.js";
import { readIncidents, renderDrillReports } from "./log-incidents.js";
import type { Remote } from "./remote.js";
import { remoteFailure } from "./remote-errors.js";

type Flags = Record<string, string | undefined>;

/**
 * `sevbot drill [scenario.yml] [--platform gitlab]`: a tabletop exercise on the sandbox. The
 * scenario's issues carry the drill label, only its people are notified, and a drill report
 * closes it: time to acknowledge and the steps the team missed. With `--repo` it runs on a real
 * GitHub repository (or GitLab project with `--gitlab URL`) where sevbot is installed.
 */
export async function runDrill(
  args: string[],
  out: (line: string) => void = console.log,
  env: Record<string, string | undefined> = {},
): Promise<number> {
  const flags = parseFlags(args, ["platform", "repo", "token", "api", "gitlab", "settle"]);
  const scenario = asDrill(loadNamedScenario(flags._ || "sev1-checkout-outage"));
  if (flags.repo)
    return drillOnRepository({ ...scenario, repository: flags.repo }, flags, env, out);
  return withLocalStack(platformOf(flags), async (stack) => {
    const started = new Date().toISOString();
    out(`🎭 Drill: ${scenario.name} (time runs ${stack.clock.speed}× faster)`);
    out(`\n${await playOnStack(stack, scenario, out)}\n`);
    await reportDrill(remoteForSandbox(stack.sandbox), scenario, started, out);
    return 0;
  });
}

/**
 * A drill on a real repository where sevbot is installed: the steps are taken through the API
 * with the given token, in real time, and the report is read back from the log issues.
 */
async function drillOnRepository(
  scenario: Scenario,
  flags: Flags,
  env: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<number> {
  const remote = remoteFromFlags(flags, env);
  const settleMs = Number(flags.settle ?? "5") * 1000;
  if (!Number.isFinite(settleMs) || settleMs < 0)
    throw new SettingsError(`--settle must be a number of seconds, not "${flags.settle}".`);
  const platform = platformOf(flags);
  const url = platform === "github" ? githubTarget(flags, env).api : gitlabUrlOf(flags, env);
  const started = new Date().toISOString();
  out(
    `🎭 Drill: ${scenario.name} on ${scenario.repository} (sevbot must be installed there; steps run as the token's user)`,
  );
  try {
    await playScenario(scenario, {
      sandbox: remote.actor,
      settle: () => new Promise((resolve) => setTimeout(resolve, settleMs)),
      narrate: out,
    });
  } catch (error) {
    // One line naming the host and the flag that changes it, as every other remote call says.
    throw new SettingsError(`a drill step failed: ${remoteFailure(error, { platform, url })}`);
  }
  await reportDrill(remote, scenario, started, out);
  return 0;
}

/** Reads the drill's incidents back from the tracker's log issues, as sevbot stored them. */
async function reportDrill(
  remote: Remote,
  scenario: Scenario,
  since: string,
  out: (line: string) => void,
): Promise<void> {
  const { config } = parseConfigText(scenario.config, "the drill's config");
  const incidents = await readIncidents(
    remote,
    config.tracker.repository || scenario.repository,
    config,
    since,
  );
  for (const report of renderDrillReports(incidents, config)) out(report);
}

/** Every issue the scenario opens is labelled as a drill; its people are the drill's participants. */
export function asDrill(scenario: Scenario): Scenario {
  const config = (yaml.load(scenario.config ?? "", { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<
    string,
    unknown
  >;
  const drills = (config.drills ?? {}) as Record<string, unknown>;
  const label = typeof drills.label === "string" ? drills.label : "drill";
  const participants = [
    ...new Set([
      ...Object.keys(scenario.collaborators),
      ...((drills.participants as string[] | undefined) ?? []),
    ]),
  ];
  return {
    ...scenario,
    name: `${scenario.name} (drill)`,
    config: yaml.dump({ ...config, drills: { ...drills, label, participants } }),
    steps: scenario.steps.map((step) =>
      "open" in step ? { open: { ...step.open, labels: [...step.open.labels, label] } } : step,
    ),
  };
}
