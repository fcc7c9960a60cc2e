import { describe, expect, it, vi } from "vitest";
import { createNotifierHub } from "../../src/adapters/notify/hub.js";
import { createRedisSentLedger } from "../../src/adapters/redis/sent-ledger.js";
import type { Notification } from "../../src/core/notification.js";
import type { Notifier } from "../../src/ports/notifier.js";
import { createRedisConnection } from "../../src/adapters/redis/connection.js";
import { redisConnections, startRedisServer, useRedisServer } from "../helpers/redis-server.js";
import { replyDroppingProxy } from "../helpers/reply-dropping-proxy.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function notification(incidentKey: string, key = "esc-29000000-s0"): Notification {
  return {
    key,
    incidentKey,
    kind: "escalate",
    severity: 1,
    title: "Checkout down",
    text: "Paging the on-call",
    url: "http://127.0.0.1/acme/shop/issues/1",
    targets: { channels: [], users: [], emails: [], page: true },
  };
}

/** A notifier that records what reached it, as PagerDuty would. */
function recordingNotifier(): Notifier & { received: string[] } {
  const received: string[] = [];
  return {
    name: "pagerduty",
    received,
    send: async (sent: Notification) => void received.push(`${sent.incidentKey} ${sent.key}`),
  };
}

/**
 * BullMQ runs a notification job at least once, maybe on another replica: the hubs' memory of
 * what they sent is in Redis, so a re-run pages nobody twice, and one that follows a run which
 * died mid-send says so.
 */
describe("sent ledger on a real Redis", () => {
  const redis = useRedisServer();
  const connect = () => redis.connect();

  it("a notification job re-run on another replica is not sent again; another incident's same step is", async () => {
    const pagerduty = recordingNotifier();
    const replicaA = createNotifierHub([pagerduty], {
      ledger: createRedisSentLedger(connect(), quiet),
    });
    const replicaB = createNotifierHub([pagerduty], {
      ledger: createRedisSentLedger(connect(), quiet),
    });
    expect(await replicaA.send(notification("github:acme/shop#1"))).toEqual([]);
    expect(await replicaB.send(notification("github:acme/shop#1"))).toEqual([]);
    expect(await replicaB.send(notification("github:acme/shop#2"))).toEqual([]);
    expect(pagerduty.received).toEqual([
      "github:acme/shop#1 esc-29000000-s0",
      "github:acme/shop#2 esc-29000000-s0",
    ]);
  });

  it("without the shared ledger (memory per process) the re-run on another replica pages again", async () => {
    const pagerduty = recordingNotifier();
    await createNotifierHub([pagerduty]).send(notification("github:acme/shop#3"));
    await createNotifierHub([pagerduty]).send(notification("github:acme/shop#3"));
    expect(pagerduty.received).toHaveLength(2);
  });

  it("a failed send is not recorded, so the retry sends it, and says nothing of a repeat", async () => {
    let fail = true;
    const received: string[] = [];
    const warnings: string[] = [];
    const warn = (message: string) => void warnings.push(message);
    const flaky: Notifier = {
      name: "pagerduty",
      send: async (sent) => {
        if (fail) throw new Error("connection reset");
        received.push(sent.incidentKey);
      },
    };
    const ledger = createRedisSentLedger(connect(), quiet);
    const failures = await createNotifierHub([flaky], { ledger, attempts: 1, warn }).send(
      notification("github:acme/shop#4"),
    );
    expect(failures).toHaveLength(1);
    fail = false;
    expect(
      await createNotifierHub([flaky], { ledger, attempts: 1, warn }).send(
        notification("github:acme/shop#4"),
      ),
    ).toEqual([]);
    expect(received).toEqual(["github:acme/shop#4"]);
    expect(warnings).toEqual([]);
  });

  it("a run that died mid-send (a SIGKILLed replica) is sent again by the next run, which says it may arrive twice and whose run stopped", async () => {
    const received: string[] = [];
    // Replica A's request reaches PagerDuty, and A dies before it hears back.
    const dying: Notifier = {
      name: "pagerduty",
      send: (sent) => (received.push(`A ${sent.key}`), new Promise<void>(() => undefined)),
    };
    const healthy: Notifier = {
      name: "pagerduty",
      send: async (sent) => void received.push(`B ${sent.key}`),
    };
    void createNotifierHub([dying], {
      ledger: createRedisSentLedger(connect(), quiet),
      owner: "replica-a:101",
    }).send(notification("github:acme/shop#6"));
    await vi.waitFor(() => expect(received).toEqual(["A esc-29000000-s0"]));
    const warnings: string[] = [];
    const outcomes: string[] = [];
    const replicaB = createNotifierHub([healthy], {
      ledger: createRedisSentLedger(connect(), quiet),
      owner: "replica-b:202",
      warn: (message) => void warnings.push(message),
      observe: (_notifier, outcome) => void outcomes.push(outcome),
    });
    expect(await replicaB.send(notification("github:acme/shop#6"))).toEqual([]);
    expect(received).toEqual(["A esc-29000000-s0", "B esc-29000000-s0"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^notification pagerduty:github:acme\/shop#6:esc-29000000-s0: sending again, because an earlier run \(replica-a:101 at 20\d\d-[^)]+\) stopped while sending it; it may arrive twice$/,
    );
    // Once B's send is recorded, a third run sends nothing and warns of nothing.
    expect(await replicaB.send(notification("github:acme/shop#6"))).toEqual([]);
    expect(received).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(outcomes).toEqual(["resent_in_doubt", "already_sent"]);
  });

  it("a send whose record was answered only after a reconnect (Redis stopped before answering) is not taken for a run that stopped mid-send", async () => {
    const proxy = await replyDroppingProxy(redis.server().port);
    // Production's connection settings: ioredis sends the unanswered SET again after reconnecting.
    const connection = createRedisConnection(proxy.url);
    connection.on("error", () => undefined);
    await connection.ping();
    const key = "pagerduty:github:acme/shop#7:esc-29000000-s0";
    const dropped = proxy.dropNextReply();
    const earlier = await createRedisSentLedger(connection, quiet).start(key, "replica-a:101");
    await dropped;
    expect(earlier).toBeUndefined();
    // The record itself is kept: a run that follows one which really stopped is still told whose.
    const next = await createRedisSentLedger(connect(), quiet).start(key, "replica-b:202");
    expect(next).toMatch(/^replica-a:101 at 20\d\d-\d\d-\d\dT[\d:.]+Z$/);
    connection.disconnect();
    await proxy.close();
  });

  it("with Redis away it sends anyway (a repeat rather than a lost page), within its timeout", async () => {
    const doomed = await startRedisServer();
    const elsewhere = redisConnections(() => doomed.url);
    const connection = elsewhere.connect();
    await connection.ping();
    await doomed.stop();
    const warnings: string[] = [];
    const pagerduty = recordingNotifier();
    const started = Date.now();
    const failures = await createNotifierHub([pagerduty], {
      ledger: createRedisSentLedger(
        connection,
        { ...quiet, warn: (message) => void warnings.push(message) },
        { timeoutMs: 200 },
      ),
    }).send(notification("github:acme/shop#5"));
    expect(failures).toEqual([]);
    expect(pagerduty.received).toEqual(["github:acme/shop#5 esc-29000000-s0"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200); // it did wait for Redis, boundedly
    expect(warnings.some((message) => message.includes("without knowing"))).toBe(true);
    elsewhere.closeAll();
  });
});
