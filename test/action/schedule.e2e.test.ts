import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { steppedClock, type SteppedClock } from "../../src/scenario/stepped-clock.js";
import { settleRuns } from "./forge-state.js";
import { startActionRunner, type ActionRunner } from "./runner.js";

const REPO = "acme/shop";
const isWrite = (request: { method: string }) => request.method !== "GET";

/**
 * Scheduled runs of the Action on the sandbox, with the Action's default write spacing (1 s, as
 * GitHub asks): a Sev-1 nobody acknowledges is escalated by the first run after it falls due,
 * and another run in the same minute writes nothing.
 */
describe("the Action's scheduled runs", () => {
  let sandbox: Sandbox;
  let runner: ActionRunner;
  let clock: SteppedClock;
  const escalations = () =>
    sandbox.comments(REPO, 1).filter((comment) => comment.body?.includes("🔔 Escalation"));
  const drillReminders = () =>
    sandbox.issues(REPO).filter((issue) => issue.title === "Time for a tabletop drill");

  beforeAll(async () => {
    clock = steppedClock(new Date("2026-11-23T09:00:00Z"));
    sandbox = await startSandbox({ webhookSecret: "unused by the runner" });
    runner = await startActionRunner({
      apiUrl: sandbox.apiUrl,
      repository: REPO,
      env: { SEVBOT_CLOCK_FILE: clock.path },
    });
    sandbox.setWebhookUrl(runner.webhookUrl);
    sandbox.createRepo(REPO, {
      collaborators: { dana: "write", lee: "write" },
      files: { ".github/sevbot.yml": "oncall: [lee]\n" },
    });
    await sandbox.openIssue(REPO, { as: "reporter", title: "Checkout is down" });
    await sandbox.addLabels(REPO, 1, ["severity::1"], { as: "dana" });
    await settleRuns(sandbox, runner);
  }, 60_000);

  afterAll(async () => {
    await runner?.close();
    await sandbox?.close();
    clock?.remove();
  });

  it("label to checklist, from the run's process start, with the default write spacing", () => {
    const labelled = runner.runs.find((run) => run.label === "severity::1")!;
    const checklist = sandbox.requests.find(
      (request) => request.method === "POST" && request.body?.includes("<!-- sevbot:checklist -->"),
    )!;
    expect(labelled.exitCode, labelled.output).toBe(0);
    const ms = Date.parse(checklist.at) - labelled.startedAt;
    console.log(
      `Action path, label to checklist (default 1 s write spacing): ${Math.round(ms)} ms`,
    );
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(15_000);
  });

  it("before anything is due, a scheduled run only opens the drill reminder (no drill yet)", async () => {
    const run = await runner.scheduled();
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain("scheduler pass: 0 action(s)");
    expect(escalations()).toHaveLength(0);
    expect(drillReminders()).toHaveLength(1);
  });

  it("5 minutes on, a scheduled run escalates the unacknowledged Sev-1 once", async () => {
    clock.advance(5);
    const run = await runner.scheduled();
    expect(run.exitCode, run.output).toBe(0);
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]!.body).toMatch(/@lee, this Sev-1 is not acknowledged after 5 min/);
  });

  it("a second run in the same minute (schedule or by hand) repeats nothing and writes nothing", async () => {
    const writes = sandbox.requests.filter(isWrite).length;
    for (const event of ["schedule", "workflow_dispatch"] as const) {
      const run = await runner.scheduled(event);
      expect(run.exitCode, run.output).toBe(0);
      expect(run.output).toContain("scheduler pass: 0 action(s)");
    }
    expect(sandbox.requests.filter(isWrite).length).toBe(writes);
    expect(escalations()).toHaveLength(1);
    expect(drillReminders()).toHaveLength(1);
    expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });

  it("events it does not handle end the run in success, leaving everything alone", async () => {
    const writes = sandbox.requests.filter(isWrite).length;
    const run = await runner.event("push", { ref: "refs/heads/main" });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain("push is left alone");
    expect(sandbox.requests.filter(isWrite).length).toBe(writes);
  });
});

/** A tracker in another repository: GITHUB_TOKEN cannot reach it, a tracker-token can. */
describe("the Action with incident logs in another repository", () => {
  let sandbox: Sandbox;
  const runners: ActionRunner[] = [];

  async function declare(trackerToken: string) {
    const runner = await startActionRunner({
      apiUrl: sandbox.apiUrl,
      repository: REPO,
      env: { "INPUT_TRACKER-TOKEN": trackerToken, SEVBOT_WRITE_INTERVAL_MS: "0" },
    });
    runners.push(runner);
    sandbox.setWebhookUrl(runner.webhookUrl);
    const number = await sandbox.openIssue(REPO, {
      as: "dana",
      title: "Search is down",
      labels: ["severity::2"],
    });
    await settleRuns(sandbox, runner);
    return { run: runner.runs.at(-1)!, number };
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ webhookSecret: "unused by the runner" });
    sandbox.createRepo(REPO, {
      collaborators: { dana: "write" },
      files: { ".github/sevbot.yml": "tracker:\n  repository: acme/incidents\n" },
    });
    sandbox.createRepo("acme/incidents");
  });

  afterAll(async () => {
    for (const runner of runners) await runner.close();
    await sandbox?.close();
  });

  it("without a tracker-token the log stays in the repository, and the issue says which input to give", async () => {
    const { run, number } = await declare("");
    expect(run.exitCode, run.output).toBe(0);
    const log = sandbox.issues(REPO).find((issue) => issue.title.startsWith("[SEV-2]"));
    expect(log?.body).toContain(`<!-- sevbot:log-for github:${REPO}#${number} -->`);
    const notices = sandbox
      .comments(REPO, number)
      .filter((comment) => comment.body?.includes("<!-- sevbot:tracker-fallback -->"));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain(
      "acme/incidents is another repository: the workflow's token reaches only acme/shop. Give the Action a tracker-token",
    );
    expect(run.endedAt! - run.startedAt).toBeLessThan(15_000);
  });

  it("with a tracker-token the log issue is opened in the tracker", async () => {
    const { run, number } = await declare("ghs_trackertoken");
    expect(run.exitCode, run.output).toBe(0);
    const log = sandbox.issues("acme/incidents").find((issue) => issue.title.startsWith("[SEV-2]"));
    expect(log?.body).toContain(`<!-- sevbot:log-for github:${REPO}#${number} -->`);
  });
});

/** A workflow whose `permissions:` leave out `issues: write`: GitHub refuses every write. */
describe("the Action with a token that may not write issues", () => {
  let sandbox: Sandbox;
  let runner: ActionRunner;

  beforeAll(async () => {
    sandbox = await startSandbox({ webhookSecret: "unused by the runner" });
    runner = await startActionRunner({
      apiUrl: sandbox.apiUrl,
      repository: REPO,
      env: { "INPUT_GITHUB-TOKEN": "ghs_readonly", SEVBOT_WRITE_INTERVAL_MS: "0" },
    });
    sandbox.setWebhookUrl(runner.webhookUrl);
    sandbox.createRepo(REPO, { collaborators: { dana: "write" } });
  });

  afterAll(async () => {
    await runner?.close();
    await sandbox?.close();
  });

  it("fails at once, saying which permission the job needs", async () => {
    await sandbox.openIssue(REPO, { as: "dana", title: "Down", labels: ["severity::1"] });
    await settleRuns(sandbox, runner);
    const [run] = runner.runs;
    expect(run!.exitCode).toBe(1);
    expect(run!.output).toContain("Resource not accessible by integration");
    expect(run!.output).toContain("permissions: issues: write");
    expect(run!.output).not.toMatch(/will retry/);
    expect(run!.endedAt! - run!.startedAt).toBeLessThan(10_000);
  }, 30_000);
});
