import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStateBlock } from "../../src/core/state-block.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { settleRuns } from "./forge-state.js";
import { startActionRunner, type ActionRunner } from "./runner.js";

const REPO = "acme/shop";

/**
 * The example workflow's concurrency group lets one run about an issue work and ONE wait: a third
 * event cancels the waiting run (the runner plays GitHub's rule). The run that does go catches
 * up on the cancelled one's event from what the issue shows.
 */
describe("the Action when GitHub cancels a waiting run", () => {
  let sandbox: Sandbox;
  let runner: ActionRunner;

  /** A declared Sev-1 on a new issue, every run settled. */
  async function declared(title: string): Promise<number> {
    const number = await sandbox.openIssue(REPO, { as: "dana", title, labels: ["severity::1"] });
    await settleRuns(sandbox, runner);
    return number;
  }

  function incidentOf(number: number) {
    const log = sandbox
      .issues(REPO)
      .find((issue) => issue.body?.includes(`<!-- sevbot:log-for github:${REPO}#${number} -->`));
    const read = readStateBlock(log?.body ?? "");
    if (read.kind !== "ok") throw new Error(`no incident for #${number}: ${read.kind}`);
    return read.incident;
  }

  const sevbotSaid = (number: number, text: string) =>
    sandbox
      .comments(REPO, number)
      .filter((comment) => comment.user.type === "Bot" && comment.body?.includes(text));

  const runsFor = (number: number, body: string) =>
    runner.runs.filter((run) => run.group === `${REPO}#${number}` && run.comment === body);

  beforeAll(async () => {
    sandbox = await startSandbox({ webhookSecret: "unused by the runner" });
    runner = await startActionRunner({
      apiUrl: sandbox.apiUrl,
      repository: REPO,
      env: { SEVBOT_WRITE_INTERVAL_MS: "0" },
      onePendingPerGroup: true,
    });
    sandbox.setWebhookUrl(runner.webhookUrl);
    sandbox.createRepo(REPO, {
      collaborators: { dana: "write", lee: "write" },
      files: { ".github/sevbot.yml": "oncall: [lee]\n" },
    });
  }, 60_000);

  afterAll(async () => {
    await runner?.close();
    await sandbox?.close();
  });

  it("/ack then /status while a run works: the /ack's run is cancelled, the acknowledgement is still recorded", async () => {
    const number = await declared("Checkout is down");
    const release = runner.hold(`${REPO}#${number}`);
    await sandbox.comment(REPO, number, "/ack", { as: "lee" });
    await sandbox.comment(REPO, number, "/status investigating", { as: "lee" });
    await sandbox.idle();
    release();
    await settleRuns(sandbox, runner);

    expect(runsFor(number, "/ack").map((run) => run.cancelled)).toEqual([true]);

    const incident = incidentOf(number);
    expect(incident.status).toBe("acknowledged");
    expect(incident.acknowledgedBy).toBe("lee");
    // In the order they were typed: the acknowledgement, then the status update.
    const texts = incident.timeline.map((entry) => entry.text);
    const acked = texts.findIndex((text) => text.startsWith("Acknowledged by lee"));
    const updated = texts.findIndex((text) => text === "Status: investigating");
    expect(acked).toBeGreaterThanOrEqual(0);
    expect(updated).toBeGreaterThan(acked);
    expect(sevbotSaid(number, "Acknowledged by lee")).toHaveLength(1);
    const [status] = runsFor(number, "/status investigating");
    expect(status!.exitCode, status!.output).toBe(0);
    expect(status!.output).toMatch(/catching up on .*: comment \d+ by lee/);
    expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  }, 60_000);

  it("a plain remark cancels the /ack's run: its run, about nothing sevbot acts on, still catches up", async () => {
    const number = await declared("Payments are slow");
    const release = runner.hold(`${REPO}#${number}`);
    await sandbox.comment(REPO, number, "/ack", { as: "lee" });
    await sandbox.comment(REPO, number, "on it, looking at the gateway", { as: "lee" });
    await sandbox.idle();
    release();
    await settleRuns(sandbox, runner);

    expect(runsFor(number, "/ack").map((run) => run.cancelled)).toEqual([true]);
    expect(incidentOf(number).status).toBe("acknowledged");
    expect(sevbotSaid(number, "Acknowledged by lee")).toHaveLength(1);
    const [remark] = runsFor(number, "on it, looking at the gateway");
    expect(remark!.exitCode, remark!.output).toBe(0);
  }, 60_000);

  it("both runs run, the first finding the second's comment already there: each command is done once", async () => {
    const number = await declared("Search is down");
    // Every run waits its turn here (no cancellation), so both comments' runs go.
    const queued = await startActionRunner({
      apiUrl: sandbox.apiUrl,
      repository: REPO,
      env: { SEVBOT_WRITE_INTERVAL_MS: "0" },
    });
    sandbox.setWebhookUrl(queued.webhookUrl);
    try {
      const release = queued.hold(`${REPO}#${number}`);
      await sandbox.comment(REPO, number, "/ack", { as: "lee" });
      await sandbox.comment(REPO, number, "/status investigating", { as: "lee" });
      await sandbox.idle();
      release();
      await settleRuns(sandbox, queued);
    } finally {
      sandbox.setWebhookUrl(runner.webhookUrl);
      await queued.close();
    }

    const [ack, status] = ["/ack", "/status investigating"].map((body) =>
      queued.runs.find((run) => run.comment === body)!,
    );
    expect(ack!.exitCode, ack!.output).toBe(0);
    expect(status!.exitCode, status!.output).toBe(0);
    // The /ack's run saw the /status comment and handled it; the /status run found it done.
    expect(ack!.output).toMatch(/catching up on .*: comment \d+ by lee/);
    expect(status!.output).not.toContain("catching up");
    const incident = incidentOf(number);
    expect(incident.status).toBe("acknowledged");
    const texts = incident.timeline.map((entry) => entry.text);
    expect(texts.filter((text) => text.startsWith("Acknowledged by lee"))).toHaveLength(1);
    expect(texts.filter((text) => text === "Status: investigating")).toHaveLength(1);
    expect(sevbotSaid(number, "Acknowledged by lee")).toHaveLength(1);
    expect(sevbotSaid(number, "Already acknowledged")).toHaveLength(0);
    const keys = incident.done.filter((key) => key.startsWith("cmd-"));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(2);
  }, 60_000);
});
