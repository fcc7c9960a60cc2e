import { describe, expect, it } from "vitest";
import { createRedisEventQueue } from "../../src/adapters/redis/event-queue.js";
import { createRedisIncidentLock } from "../../src/adapters/redis/incident-lock.js";
import { createRedisScheduler } from "../../src/adapters/redis/scheduler.js";
import type { EventJob } from "../../src/ports/event-queue.js";
import { createRedisConnection } from "../../src/adapters/redis/connection.js";
import { useRedisServer } from "../helpers/redis-server.js";
import { replyDroppingProxy } from "../helpers/reply-dropping-proxy.js";
import { tickJob } from "../helpers/tick-job.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function job(id: string, priority: number): EventJob {
  return tickJob({ id, title: id, priority });
}

/** Two "replicas" are two sets of connections to the same real redis-server. */
describe("coordination on a real Redis", () => {
  const redis = useRedisServer();
  const connect = () => redis.connect();

  it("one incident at a time across replicas; other incidents run alongside", async () => {
    const [a, b] = [createRedisIncidentLock(connect()), createRedisIncidentLock(connect())];
    const log: string[] = [];
    const work = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await sleep(ms);
      log.push(`${name} end`);
    };
    await Promise.all([
      a.run("github:acme/shop#1", work("a1", 150)),
      b.run("github:acme/shop#1", work("b1", 10)),
      b.run("github:acme/shop#2", work("b2", 10)),
    ]);
    const a1 = log.indexOf("a1 start");
    const b1 = log.indexOf("b1 start");
    const first = a1 < b1 ? "a1" : "b1";
    const second = first === "a1" ? "b1" : "a1";
    expect(log.indexOf(`${first} end`)).toBeLessThan(log.indexOf(`${second} start`));
    expect(log.indexOf("b2 end")).toBeLessThan(log.indexOf("a1 end"));
  });

  it("a holder that dies without releasing loses the lock once it lapses", async () => {
    const redis = connect();
    await redis.set("sevbot:lock:github:acme/shop#9", "dead-replica", "PX", 300);
    const started = Date.now();
    await createRedisIncidentLock(connect(), { ttlMs: 300 }).run(
      "github:acme/shop#9",
      async () => undefined,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it("a lock whose taking was answered only after a reconnect (Redis stopped before answering) is known as its own", async () => {
    const proxy = await replyDroppingProxy(redis.server().port);
    // Production's connection settings: ioredis sends the unanswered SET … NX again.
    const connection = createRedisConnection(proxy.url);
    connection.on("error", () => undefined);
    await connection.ping();
    const dropped = proxy.dropNextReply();
    // Waiting out its own lock (10 s) would pass the 1 s allowed here.
    const ran = await createRedisIncidentLock(connection, { maxWaitMs: 1_000 }).run(
      "github:acme/shop#10",
      async () => "ran",
    );
    await dropped;
    expect(ran).toBe("ran");
    expect(await connect().exists("sevbot:lock:github:acme/shop#10")).toBe(0);
    connection.disconnect();
    await proxy.close();
  });

  it("the queue runs each job once although it was pushed twice from two replicas (the delivery dedupe), worst severity first", async () => {
    const ran: string[] = [];
    const producer = createRedisEventQueue(connect, quiet, {}, "t-order");
    // Queue everything before any worker runs, so the order is the queue's own.
    for (const [id, priority] of [
      ["sev4-a", 4],
      ["sev4-b", 4],
      ["sev1", 1],
      ["sev2", 2],
    ] as const) {
      await producer.push(job(id, priority));
      await producer.push(job(id, priority));
    }
    expect(await producer.depth()).toBe(4);
    const consumer = createRedisEventQueue(connect, quiet, { concurrency: 1 }, "t-order");
    consumer.handle("github", async (data) => void ran.push(data.id));
    await consumer.idle();
    await producer.close();
    await consumer.close();
    expect(ran.slice(0, 2).sort()).toEqual(["sev1", "sev2"].sort());
    expect(ran.sort()).toEqual(["sev1", "sev2", "sev4-a", "sev4-b"]);
  });

  it("a storm of identical events under fresh delivery ids, pushed by two replicas, runs twice (one running, one waiting); distinct events all run", async () => {
    const [a, b] = [
      createRedisEventQueue(connect, quiet, {}, "t-storm"),
      createRedisEventQueue(connect, quiet, {}, "t-storm"),
    ];
    const ran: string[] = [];
    // The first storm job holds on until every delivery has been pushed, however slow the machine.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    a.handle("github", async (data) => {
      ran.push(data.event.issue.title);
      if (ran.length === 1) await held;
    });
    // Same event (title "storm"), a new delivery id each time: a redelivery storm of one label.
    const storm = (delivery: number) => ({ ...job("storm", 1), id: `github_storm-${delivery}` });
    const outcomes = [await b.push(storm(0))];
    while (ran.length === 0) await sleep(10);
    for (let delivery = 1; delivery < 200; delivery++)
      outcomes.push(await (delivery % 2 ? a : b).push(storm(delivery)));
    for (const other of ["other-1", "other-2", "other-3"]) await b.push(job(other, 1));
    release();
    await a.idle();
    await Promise.all([a.close(), b.close()]);
    expect(ran.filter((title) => title === "storm")).toHaveLength(2);
    // Each push after the first is merged into the one job waiting behind the running one.
    expect(outcomes.filter((outcome) => outcome === "coalesced")).toHaveLength(199);
    expect(ran.filter((title) => title.startsWith("other")).sort()).toEqual([
      "other-1",
      "other-2",
      "other-3",
    ]);
  });

  it("a re-run of an identical event waits out the gap after the last start, on any replica", async () => {
    const gap = 600;
    const [a, b] = [
      createRedisEventQueue(connect, quiet, { rerunGapMs: gap }, "t-gap"),
      createRedisEventQueue(connect, quiet, { rerunGapMs: gap }, "t-gap"),
    ];
    const starts: number[] = [];
    for (const replica of [a, b])
      replica.handle("github", async () => {
        starts.push(Date.now());
        await sleep(50);
      });
    const storm = (delivery: number) => ({ ...job("gap", 1), id: `github_gap-${delivery}` });
    await a.push(storm(0));
    while (starts.length === 0) await sleep(5);
    // Pushed while the first runs: one waits behind it (the rest coalesce), then the gap.
    for (let delivery = 1; delivery < 20; delivery++)
      await (delivery % 2 ? a : b).push(storm(delivery));
    await a.idle();
    await Promise.all([a.close(), b.close()]);
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(gap - 5);
  });

  it("a failing job is retried until it succeeds", async () => {
    const queue = createRedisEventQueue(
      connect,
      quiet,
      { backoffMs: 10, maxBackoffMs: 20 },
      "t-retry",
    );
    let attempts = 0;
    queue.handle("github", async () => {
      attempts++;
      if (attempts < 3) throw new Error("GitHub 502");
    });
    await queue.push(job("flaky", 1));
    await queue.idle();
    await queue.close();
    expect(attempts).toBe(3);
  });

  it("one scheduler across replicas: each interval's tick runs on one of them", async () => {
    const ticks: string[] = [];
    const replicas = [
      createRedisScheduler(connect, quiet, "t-ticks"),
      createRedisScheduler(connect, quiet, "t-ticks"),
      createRedisScheduler(connect, quiet, "t-ticks"),
    ];
    replicas.forEach((scheduler, index) =>
      scheduler.every("tick:github", 200, async () => void ticks.push(`r${index}`)),
    );
    await sleep(1_300);
    await Promise.all(replicas.map((scheduler) => scheduler.close()));
    // Six or seven intervals pass: one shared schedule ticks about that often (fewer on a loaded
    // machine), three replicas ticking on their own would tick about three times as often.
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(8);
  });

  it("jobs pushed before a Redis restart are still run after it", async () => {
    const queue = createRedisEventQueue(connect, quiet, {}, "t-restart");
    await queue.push(job("before-restart", 1));
    await redis.server().restart();
    const ran: string[] = [];
    queue.handle("github", async (data) => void ran.push(data.id));
    await queue.push(job("after-restart", 1));
    await queue.idle();
    await queue.close();
    expect(ran.sort()).toEqual(["after-restart", "before-restart"]);
  }, 20_000);
});
