import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { startServerProcess, type ServerProcess } from "../../src/scenario/server-process.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { vendorFixture } from "../helpers/inbound.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";

const REPO = "acme/monitored";
const TOKEN = "alerts-token-0123456789";
const GROUPS = 5;
const STORM = 600;

function alertmanager(group: number, n: number) {
  const payload = vendorFixture("alerts", "alertmanager.firing.json");
  payload.groupKey = `{}/{severity="critical"}:{alertname="Probe${group}"}`;
  payload.groupLabels = { alertname: `Probe${group}` };
  payload.commonAnnotations.summary = `Probe failure ${group}`;
  payload.alerts[0].fingerprint = `${group}-${n}`;
  return JSON.stringify(payload);
}

/**
 * Issue 13 §4, across replicas: two servers on one Redis take the same storm, each delivery to
 * either. The group's issue is found under a Redis lock and remembered in Redis, and the minute's
 * job id is shared through BullMQ, so each group still opens one issue.
 */
describe("alerts across two replicas on one Redis", () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  const replicas: ServerProcess[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const webhookSecret = randomBytes(16).toString("hex");
    sandbox = await startSandbox({ webhookSecret });
    sandbox.createRepo(REPO, { collaborators: { dana: "write" } });
    const env = {
      REDIS_URL: redis.url,
      SEVBOT_ALERTS_TOKEN: TOKEN,
      SEVBOT_ALERTS_REPOSITORY: REPO,
    };
    for (let index = 0; index < 2; index++)
      replicas.push(await startServerProcess({ gheHost: sandbox.gheHost, webhookSecret, env }));
    sandbox.setWebhookUrl(replicas[0]!.webhookUrl);
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await sandbox?.close();
    await redis?.stop();
  });

  it("a storm split between the replicas opens one issue per group", async () => {
    let next = 0;
    const statuses: number[] = [];
    const worker = async () => {
      while (next < STORM) {
        const n = next++;
        const replica = replicas[n % 2]!;
        const answer = await fetch(`${replica.url}/api/alerts/alertmanager`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
          body: alertmanager(n % GROUPS, n),
        });
        statuses.push(answer.status);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const logs = () => sandbox.issues(REPO).filter((issue) => issue.title.startsWith("[SEV-1]"));
    await vi.waitFor(() => expect(logs()).toHaveLength(GROUPS), { timeout: 60_000, interval: 200 });
    await waitForQuiet(sandbox, 1_500);
    expect(new Set(statuses)).toEqual(new Set([202]));
    const opened = sandbox.issues(REPO).filter((issue) => issue.title.startsWith("[alert]"));
    expect(opened.map((issue) => issue.title).sort()).toEqual(
      Array.from({ length: GROUPS }, (_, group) => `[alert] Probe failure ${group}`).sort(),
    );
    expect(logs()).toHaveLength(GROUPS);
  }, 120_000);
});
