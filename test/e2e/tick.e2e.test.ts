import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GITLAB_SANDBOX_TOKEN } from "../../src/sandbox/index.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { steppedClock, type SteppedClock } from "../../src/scenario/stepped-clock.js";
import { startStack, type Stack } from "./harness.js";

const CLI = new URL("../../dist/cli/main.js", import.meta.url).pathname;
const REPO = "acme/shop";

function tick(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, "tick", ...args], {
      env: { PATH: process.env.PATH ?? "", SEVBOT_WRITE_INTERVAL_MS: "0", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * `sevbot tick` from the command line against the sandbox, beside the real server (whose own
 * scheduler is off, as it would be where a cron job or scheduled pipeline does the ticking).
 */
describe.each(["github", "gitlab"] as const)("sevbot tick on the %s sandbox", (platform) => {
  let stack: Stack;
  let clock: SteppedClock;
  const target = () =>
    platform === "github"
      ? // A person's token (the sandbox's `user-<login>`): the pass writes as that person.
        ["--api", stack.sandbox.apiUrl, "--token", "user-opsbot"]
      : ["--gitlab", stack.sandbox.url, "--token", GITLAB_SANDBOX_TOKEN];
  const comments = () => stack.sandbox.comments(REPO, 1).map((comment) => comment.body ?? "");
  const escalations = () => comments().filter((body) => body.includes("🔔 Escalation"));
  const writes = () => stack.sandbox.requests.filter((request) => request.method !== "GET").length;

  beforeAll(async () => {
    stack = await startStack(platform === "gitlab" ? { platform } : {});
    stack.sandbox.createRepo(REPO, {
      collaborators: { dana: "write", lee: "write" },
      files: {
        [platform === "gitlab" ? ".gitlab/sevbot.yml" : ".github/sevbot.yml"]: "oncall: [lee]\n",
      },
    });
    await stack.sandbox.openIssue(REPO, {
      as: "dana",
      title: "Checkout is down",
      labels: ["severity::1"],
    });
    await waitForQuiet(stack.sandbox, 300);
    // The server declared it on real time; the pass runs 6 minutes later.
    clock = steppedClock(new Date(Date.now() + 6 * 60_000));
  }, 30_000);

  afterAll(async () => {
    await stack?.stop();
    clock?.remove();
  });

  it("--help explains the command and its flags", async () => {
    const result = await tick(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: sevbot tick <owner/repo> [--token T] [--api URL]");
    expect(result.stdout).toContain("Safe beside a running server");
  });

  it("a bad repository name or a missing token is a clear message, not a stack trace", async () => {
    const bad = await tick(["not-a-repo"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Usage: sevbot tick");
    if (platform === "github") {
      const noToken = await tick([REPO, "--api", stack.sandbox.apiUrl]);
      expect(noToken.code).toBe(1);
      expect(noToken.stderr).toContain("GitHub needs a token");
      expect(noToken.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("escalates the unacknowledged Sev-1 once; a second pass in the same minute does nothing", async () => {
    expect(escalations()).toHaveLength(0);
    const first = await tick([REPO, ...target()], { SEVBOT_CLOCK_FILE: clock.path });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/acme\/shop: scheduler pass done, [1-9]\d* action\(s\)/);
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]).toMatch(/@lee, this Sev-1 is not acknowledged after 5 min/);

    const before = writes();
    const second = await tick([REPO, ...target()], { SEVBOT_CLOCK_FILE: clock.path });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("acme/shop: scheduler pass done, 0 action(s)");
    expect(writes()).toBe(before);
    expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  }, 40_000);

  it("the server goes on with the incident the pass wrote to: /ack stops the escalations", async () => {
    await stack.sandbox.comment(REPO, 1, "/ack", { as: "lee" });
    await waitForQuiet(stack.sandbox, 300);
    expect(comments().some((body) => /Acknowledged by @?lee: paging stops/.test(body))).toBe(true);
    clock.advance(10);
    const later = await tick([REPO, ...target()], { SEVBOT_CLOCK_FILE: clock.path });
    expect(later.code, later.stderr).toBe(0);
    expect(escalations()).toHaveLength(1);
  }, 40_000);
});

/** Beside a server that ticks itself: what the server did, a pass does not do again. */
describe("sevbot tick beside a ticking server", () => {
  let stack: Stack;
  let clock: SteppedClock;

  beforeAll(async () => {
    clock = steppedClock();
    stack = await startStack({}, { SEVBOT_CLOCK_FILE: clock.path, SEVBOT_TICK_SECONDS: "0.25" });
    stack.sandbox.createRepo(REPO, {
      collaborators: { dana: "write" },
      // No drill reminder: the server checks it once a day from its first tick (before this
      // incident, so not yet), a pass on every run; it would be the pass's first, not a repeat.
      files: { ".github/sevbot.yml": "oncall: [lee]\ndrills:\n  reminderMonths: 0\n" },
    });
    await stack.sandbox.openIssue(REPO, { as: "dana", title: "Down", labels: ["severity::1"] });
    await waitForQuiet(stack.sandbox, 300);
  }, 30_000);

  afterAll(async () => {
    await stack?.stop();
    clock?.remove();
  });

  it("the server escalated at 5 minutes; the pass finds nothing left to do", async () => {
    const escalations = () =>
      stack.sandbox.comments(REPO, 1).filter((comment) => comment.body?.includes("🔔 Escalation"));
    clock.advance(6);
    const deadline = Date.now() + 10_000;
    while (escalations().length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await waitForQuiet(stack.sandbox, 300);
    expect(escalations()).toHaveLength(1);
    const before = stack.sandbox.requests.filter((request) => request.method !== "GET").length;
    const pass = await tick([REPO, "--api", stack.sandbox.apiUrl, "--token", "user-opsbot"], {
      SEVBOT_CLOCK_FILE: clock.path,
    });
    expect(pass.code, pass.stderr).toBe(0);
    expect(pass.stdout).toContain("acme/shop: scheduler pass done, 0 action(s)");
    expect(stack.sandbox.requests.filter((request) => request.method !== "GET").length).toBe(
      before,
    );
    expect(escalations()).toHaveLength(1);
  }, 40_000);
});
