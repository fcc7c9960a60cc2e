import { GITHUB_CONFIG_FILE } from "../adapters/github/config-source.js";
import { GITLAB_CONFIG_FILE } from "../adapters/gitlab/config-source.js";
import type { Sandbox } from "../sandbox/index.js";
import type { ScenarioActor } from "./actor.js";
import type { PagerDutyStep } from "./pagerduty-sender.js";
import type { Scenario, ScenarioStep } from "./schema.js";

export interface ScenarioRun {
  /** Issue numbers in the order the scenario opened them. */
  issues: number[];
}

export interface PlayOptions {
  /** Who acts: the sandbox, or a real repository through `restActor`. */
  sandbox: ScenarioActor;
  /** Resolves when sevbot has finished reacting to the last step. */
  settle: () => Promise<void>;
  narrate?: (line: string) => void;
  /** Simulated minutes per real minute (the server's SEVBOT_CLOCK_SPEED); `wait` steps use it. */
  clockSpeed?: number;
  /**
   * With a stepped clock (SEVBOT_CLOCK_FILE): moves time one minute on and resolves once sevbot
   * has ticked at the new time. `wait` steps then take one call per minute instead of sleeping,
   * so what falls due is exactly what the script says.
   */
  advanceMinute?: () => Promise<void>;
  /** Sends a signed PagerDuty webhook to the server (scenarios with `pagerduty` steps). */
  pagerduty?: (step: PagerDutyStep) => Promise<void>;
  /** The forge the scenario runs on: sevbot's PagerDuty dedup_key names it. */
  platform?: "github" | "gitlab";
  /** Called after sevbot settled on each step (benchmarks count requests per step). */
  afterStep?: (step: ScenarioStep, index: number) => void;
}

/** Sets up the scenario's repository: collaborators and sevbot's config file. */
export function prepareRepository(sandbox: Sandbox, scenario: Scenario): void {
  sandbox.createRepo(scenario.repository, {
    private: scenario.private,
    collaborators: scenario.collaborators,
    files: scenario.config
      ? {
          [sandbox.platform === "gitlab" ? GITLAB_CONFIG_FILE : GITHUB_CONFIG_FILE]:
            scenario.config,
        }
      : {},
  });
}

/** Plays each step as the named person would on the forge, waiting for sevbot after each. */
export async function playScenario(
  scenario: Scenario,
  {
    sandbox,
    settle,
    narrate = () => undefined,
    afterStep = () => undefined,
    clockSpeed = 1,
    advanceMinute,
    pagerduty,
    platform = "github",
  }: PlayOptions,
): Promise<ScenarioRun> {
  const run: ScenarioRun = { issues: [] };
  for (const [index, step] of scenario.steps.entries()) {
    if ("wait" in step) {
      narrate(`  … ${step.wait} minutes pass`);
      if (advanceMinute) for (let minute = 0; minute < step.wait; minute++) await advanceMinute();
      else await new Promise((resolve) => setTimeout(resolve, (step.wait * 60_000) / clockSpeed));
    } else {
      if ("pagerduty" in step) {
        if (!pagerduty)
          throw new Error("this scenario sends PagerDuty webhooks: run it with the demo");
        const { as, event, user, issue } = step.pagerduty;
        narrate(
          `  ${as} taps "${event === "acknowledged" ? "Acknowledge" : "Resolve"}" in the PagerDuty app`,
        );
        const dedupKey = `${platform}:${scenario.repository}#${issueNumber(run, issue)}`;
        await pagerduty({ event, agent: { id: user, name: as }, dedupKey });
      } else await playStep(step, scenario.repository, run, sandbox, narrate);
    }
    await settle();
    afterStep(step, index);
  }
  return run;
}

function issueNumber(run: ScenarioRun, index: number): number {
  const number = run.issues[index - 1];
  if (number === undefined)
    throw new Error(`the scenario refers to issue ${index} before opening it`);
  return number;
}

async function playStep(
  step: Exclude<ScenarioStep, { wait: number } | { pagerduty: unknown }>,
  repo: string,
  run: ScenarioRun,
  sandbox: ScenarioActor,
  narrate: (line: string) => void,
): Promise<void> {
  if ("say" in step) return narrate(`\n▶ ${step.say}`);
  if ("open" in step) {
    narrate(`  ${step.open.as} opens "${step.open.title}"`);
    run.issues.push(
      await sandbox.openIssue(repo, {
        as: step.open.as,
        title: step.open.title,
        body: step.open.body,
        labels: step.open.labels,
      }),
    );
    return;
  }
  if ("label" in step) {
    narrate(`  ${step.label.as} adds ${step.label.add.join(", ")}`);
    return void (await sandbox.addLabels(repo, issueNumber(run, step.label.issue), step.label.add, {
      as: step.label.as,
    }));
  }
  if ("unlabel" in step) {
    narrate(`  ${step.unlabel.as} removes ${step.unlabel.remove}`);
    return void (await sandbox.removeLabel(
      repo,
      issueNumber(run, step.unlabel.issue),
      step.unlabel.remove,
      { as: step.unlabel.as },
    ));
  }
  if ("comment" in step) {
    narrate(`  ${step.comment.as} comments: ${step.comment.body.split("\n")[0]}`);
    return void (await sandbox.comment(
      repo,
      issueNumber(run, step.comment.issue),
      step.comment.body,
      { as: step.comment.as },
    ));
  }
  if ("close" in step) {
    narrate(`  ${step.close.as} closes the issue`);
    return void (await sandbox.closeIssue(repo, issueNumber(run, step.close.issue), {
      as: step.close.as,
    }));
  }
  narrate(`  ${step.reopen.as} reopens the issue`);
  await sandbox.reopenIssue(repo, issueNumber(run, step.reopen.issue), { as: step.reopen.as });
}
