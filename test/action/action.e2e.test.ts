import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { bundledScenarioPath, loadScenarioFile } from "../../src/scenario/load.js";
import { playScenario, prepareRepository } from "../../src/scenario/run.js";
import { waitForDrained, waitForQuiet } from "../../src/scenario/settle.js";
import { steppedClock, type SteppedClock } from "../../src/scenario/stepped-clock.js";
import { startStack, type Stack } from "../e2e/harness.js";
import { forgeState, settleRuns } from "./forge-state.js";
import { startActionRunner, type ActionRunner } from "./runner.js";

/** A Monday afternoon: both runs start their stepped clocks here, so their texts can match. */
const START = new Date("2026-11-23T14:05:00Z");
const bundled = loadScenarioFile(bundledScenarioPath("sev1-checkout-outage"));
/**
 * Without the drill reminder: the Action checks it on every scheduled run, the server once a day
 * from its first tick (before this scenario's incident exists), so it would open at different
 * times. The scheduled-run tests below cover it.
 */
const scenario = { ...bundled, config: `${bundled.config ?? ""}drills:\n  reminderMonths: 0\n` };
const repo = scenario.repository;

/**
 * The Sev-1 scenario played through the Action's bundled entry, one process per event, against
 * the sandbox; then through the server; both must leave the same issues and comments behind.
 * Scheduled runs stand in for the server's tick: one per simulated minute.
 */
describe("the Sev-1 scenario through the GitHub Action", () => {
  let sandbox: Sandbox;
  let runner: ActionRunner;
  let clock: SteppedClock;
  let server: Stack;

  beforeAll(async () => {
    clock = steppedClock(START);
    sandbox = await startSandbox({ webhookSecret: "unused by the runner" });
    runner = await startActionRunner({
      apiUrl: sandbox.apiUrl,
      repository: repo,
      env: { SEVBOT_CLOCK_FILE: clock.path, SEVBOT_WRITE_INTERVAL_MS: "0" },
    });
    sandbox.setWebhookUrl(runner.webhookUrl);
    prepareRepository(sandbox, scenario);
    await playScenario(scenario, {
      sandbox,
      settle: () => settleRuns(sandbox, runner),
      advanceMinute: async () => {
        clock.advance(1);
        await runner.scheduled();
        await settleRuns(sandbox, runner);
      },
    });

    server = await startStack({}, {}, "stepped", START);
    prepareRepository(server.sandbox, scenario);
    await playScenario(scenario, {
      sandbox: server.sandbox,
      settle: () => waitForQuiet(server.sandbox, 300),
      advanceMinute: () => server.advanceMinute(),
    });
    // What the comparison reads must be the server's last word, not a pause in its work.
    await waitForDrained(server.sandbox, server.server.url);
  }, 240_000);

  afterAll(async () => {
    await runner?.close();
    await sandbox?.close();
    await server?.stop();
    clock?.remove();
  });

  it("one run per person's change and per minute, each ending in success", () => {
    // The opening (its label rides on it), the severity label, three comments; 31 minutes.
    expect(runner.runs.filter((run) => run.event !== "schedule")).toHaveLength(5);
    expect(runner.runs.filter((run) => run.event === "schedule")).toHaveLength(31);
    for (const run of runner.runs) expect(run.exitCode, run.output).toBe(0);
    expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });

  it("ends in the same forge state as the server", () => {
    const escalations = sandbox
      .comments(repo, 1)
      .filter((comment) => comment.body?.includes("🔔 Escalation"));
    expect(escalations).toHaveLength(2);
    expect(sandbox.issues(repo).map((issue) => issue.title)).toEqual([
      "Checkout fails with HTTP 500 for every card payment",
      "[SEV-1] Checkout fails with HTTP 500 for every card payment",
      expect.stringMatching(/^Follow-up:/),
      expect.stringMatching(/^Post-mortem:/),
    ]);
    expect(forgeState(sandbox, repo)).toEqual(forgeState(server.sandbox, repo));
  });

  it("label to checklist: measured from the run's process start", () => {
    const labelled = runner.runs.find((run) => run.label === "severity::1");
    const checklist = sandbox.requests.find(
      (request) =>
        request.method === "POST" &&
        request.path.endsWith("/issues/1/comments") &&
        request.body?.includes("<!-- sevbot:checklist -->"),
    );
    expect(labelled && checklist).toBeTruthy();
    const ms = Date.parse(checklist!.at) - labelled!.startedAt;
    console.log(`Action path, label to checklist (write spacing 0): ${Math.round(ms)} ms`);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(15_000);
  });
});
