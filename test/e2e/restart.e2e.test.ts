import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { startServerProcess, type ServerProcess } from "../../src/scenario/server-process.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { steppedClock, type SteppedClock } from "../../src/scenario/stepped-clock.js";

const REPO = "acme/restart";

/**
 * The tracker is the database: a server killed (SIGKILL) between two escalation steps and
 * started again fires the next step exactly once, and nothing is repeated. Time is stepped by the
 * test, so how long the restart takes on a loaded machine does not change what is due.
 */
describe("restart between escalation steps", () => {
  let sandbox: Sandbox;
  const servers: ServerProcess[] = [];
  let clock: SteppedClock;

  afterAll(async () => {
    for (const server of servers) await server.stop("SIGKILL");
    await sandbox?.close();
    clock?.remove();
  });

  it("the next step fires exactly once after a restart", async () => {
    const webhookSecret = randomBytes(16).toString("hex");
    sandbox = await startSandbox({ webhookSecret });
    clock = steppedClock();
    const start = () =>
      startServerProcess({
        gheHost: sandbox.gheHost,
        webhookSecret,
        env: { SEVBOT_CLOCK_FILE: clock.path, SEVBOT_TICK_SECONDS: "0.25" },
      });
    sandbox.createRepo(REPO, {
      collaborators: { dana: "write", lee: "write" },
      files: { ".github/sevbot.yml": "oncall: [lee]\n" },
    });
    servers.push(await start());
    sandbox.setWebhookUrl(servers[0]!.webhookUrl);
    const number = await sandbox.openIssue(REPO, {
      as: "reporter",
      title: "Database down",
      labels: [],
    });
    await sandbox.addLabels(REPO, number, ["severity::1"], { as: "dana" });
    await waitForQuiet(sandbox, 300);
    const escalations = () =>
      sandbox
        .comments(REPO, number)
        .filter((comment) => comment.body?.includes("🔔 Escalation"))
        .map((comment) => /\((repeat \d+)\)/.exec(comment.body ?? "")?.[1]);
    clock.advance(6); // repeat 1 (minute 5) is due; repeat 2 is due at minute 10
    await vi.waitFor(() => expect(escalations()).toEqual(["repeat 1"]), {
      timeout: 20_000,
      interval: 100,
    });
    await waitForQuiet(sandbox, 500);

    await servers[0]!.stop("SIGKILL");
    clock.advance(2);
    servers.push(await start());
    sandbox.setWebhookUrl(servers[1]!.webhookUrl);
    clock.advance(3); // minute 11: repeat 2 fell due while the server was down or just after
    await vi.waitFor(() => expect(escalations().length).toBeGreaterThanOrEqual(2), {
      timeout: 20_000,
      interval: 100,
    });
    await waitForQuiet(sandbox, 1_000); // room for a repeat of anything to show
    const fired = escalations();
    console.log(`escalations after the restart: ${fired.join(", ")}`);
    expect(fired).toEqual(["repeat 1", "repeat 2"]);
    const checklists = sandbox
      .comments(REPO, number)
      .filter((comment) => comment.body?.includes("<!-- sevbot:checklist -->"));
    expect(checklists).toHaveLength(1);
  }, 60_000);
});
