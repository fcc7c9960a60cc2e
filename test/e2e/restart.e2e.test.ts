import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { FAST_CLOCK, startServerProcess, type ServerProcess } from "../../src/scenario/server-process.js";
import { waitForQuiet } from "../../src/scenario/settle.js";

const REPO = "acme/restart";
const minutes = (n: number) => new Promise((resolve) => setTimeout(resolve, (n * 60_000) / FAST_CLOCK.speed));

/**
 * The tracker is the database: a server killed (SIGKILL) between two escalation steps and
 * started again fires the next step exactly once, and nothing is repeated.
 */
describe("restart between escalation steps", () => {
  let sandbox: Sandbox;
  const servers: ServerProcess[] = [];

  afterAll(async () => {
    for (const server of servers) await server.stop("SIGKILL");
    await sandbox?.close();
  });

  it("the next step fires exactly once after a restart", async () => {
    const webhookSecret = randomBytes(16).toString("hex");
    sandbox = await startSandbox({ webhookSecret });
    const clock = { ...FAST_CLOCK, epoch: new Date().toISOString() };
    const start = () => startServerProcess({ gheHost: sandbox.gheHost, webhookSecret, clock });
    sandbox.createRepo(REPO, { collaborators: { dana: "write", lee: "write" }, files: { ".github/sevbot.yml": "oncall: [lee]\n" } });
    servers.push(await start());
    sandbox.setWebhookUrl(servers[0]!.webhookUrl);
    const number = await sandbox.openIssue(REPO, { as: "reporter", title: "Database down", labels: [] });
    await sandbox.addLabels(REPO, number, ["severity::1"], { as: "dana" });
    await waitForQuiet(sandbox, 300);
    await minutes(6); // repeat 1 (minute 5) has fired; repeat 2 is due at minute 10
    const escalations = () => sandbox.comments(REPO, number).filter((comment) => comment.body?.includes("🔔 Escalation")).map((comment) => /\((repeat \d+)\)/.exec(comment.body ?? "")?.[1]);
    expect(escalations()).toEqual(["repeat 1"]);

    await servers[0]!.stop("SIGKILL");
    await minutes(2);
    servers.push(await start());
    sandbox.setWebhookUrl(servers[1]!.webhookUrl);
    await minutes(5); // past minute 10 (repeat 2), the step due while it was down or just after
    await waitForQuiet(sandbox, 300);
    const fired = escalations();
    console.log(`escalations after the restart: ${fired.join(", ")}`);
    expect(fired.slice(0, 2)).toEqual(["repeat 1", "repeat 2"]);
    expect(new Set(fired).size).toBe(fired.length);
    const checklists = sandbox.comments(REPO, number).filter((comment) => comment.body?.includes("<!-- sevbot:checklist -->"));
    expect(checklists).toHaveLength(1);
  }, 60_000);
});
