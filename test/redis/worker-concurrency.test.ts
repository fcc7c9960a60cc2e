import { describe, expect, it } from "vitest";
import { WORKER_CONCURRENCY } from "../../src/app/work-queue.js";
import { readServerSettings } from "../../src/config/env.js";
import { startServer } from "../../src/main.js";
import type { EventJob, EventQueue } from "../../src/ports/event-queue.js";
import { freePort, testPrivateKey } from "../../src/scenario/server-process.js";
import { useRedisServer } from "../helpers/redis-server.js";
import { tickJob } from "../helpers/tick-job.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let pushed = 0;

/** A GitLab job on its own issue: distinct events and delivery ids, so none is coalesced or dropped. */
function job(number: number, priority = 4): EventJob {
  const id = `concurrency-${++pushed}`;
  return tickJob({ id, title: `issue ${number}`, priority, platform: "gitlab", number });
}

/** Pushes `count` jobs that each hold their slot a while; answers the most that ran at once. */
async function mostAtOnce(events: EventQueue, count: number): Promise<number> {
  let running = 0;
  let most = 0;
  let finished = 0;
  events.handle("gitlab", async () => {
    most = Math.max(most, ++running);
    await sleep(150);
    running--;
    finished++;
  });
  for (let number = 1; number <= count; number++) await events.push(job(number));
  for (let waited = 0; finished < count && waited < 200; waited++) await sleep(50);
  expect(finished).toBe(count);
  return most;
}

async function serverEnv(extra: Record<string, string>): Promise<Record<string, string>> {
  return {
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: "secret",
    GHE_HOST: "127.0.0.1:9",
    GHE_PROTOCOL: "http",
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    LOG_LEVEL: "silent",
    SEVBOT_TICK_SECONDS: "0",
    ...extra,
  };
}

describe("SEVBOT_WORKER_CONCURRENCY: jobs one process runs at once", () => {
  const redis = useRedisServer();

  it("is read from the environment, defaults to WORKER_CONCURRENCY and refuses nonsense", () => {
    const key = "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----";
    const base = { APP_ID: "1", PRIVATE_KEY: key, WEBHOOK_SECRET: "s" };
    expect(readServerSettings(base).workerConcurrency).toBe(WORKER_CONCURRENCY);
    expect(readServerSettings({ ...base, SEVBOT_WORKER_CONCURRENCY: "3" }).workerConcurrency).toBe(
      3,
    );
    expect(() => readServerSettings({ ...base, SEVBOT_WORKER_CONCURRENCY: "0" })).toThrow(
      /SEVBOT_WORKER_CONCURRENCY/,
    );
  });

  for (const queue of ["in-process", "Redis (BullMQ)"] as const)
    it(`the server's ${queue} queue runs no more than the setting at once, and that many`, async () => {
      // Neither the default nor the old fixed 8, so an ignored setting shows.
      const wanted = [3, 2].find((count) => count !== WORKER_CONCURRENCY)!;
      const server = await startServer(
        await serverEnv({
          SEVBOT_WORKER_CONCURRENCY: String(wanted),
          ...(queue === "in-process" ? {} : { REDIS_URL: redis.server().url }),
        }),
      );
      try {
        expect(await mostAtOnce(server.runtime.events, 12)).toBe(wanted);
      } finally {
        await server.stop();
      }
    });

  for (const queue of ["in-process", "Redis (BullMQ)"] as const)
    it(`by default (${queue}), a job stuck on a slow GitHub does not hold up a Sev-1 queued after it`, async () => {
      const server = await startServer(
        await serverEnv(queue === "in-process" ? {} : { REDIS_URL: redis.server().url }),
      );
      let release = () => {};
      const stuck = new Promise<void>((resolve) => (release = resolve));
      const ran: number[] = [];
      try {
        server.runtime.events.handle("gitlab", async (event) => {
          const number = event.event.issue.ref.number;
          if (number === 1) await stuck;
          ran.push(number);
        });
        await server.runtime.events.push(job(1, 4));
        await sleep(200);
        await server.runtime.events.push(job(2, 1));
        for (let waited = 0; !ran.includes(2) && waited < 100; waited++) await sleep(50);
        expect(ran).toEqual([2]);
      } finally {
        release();
        await server.stop();
      }
    });
});
