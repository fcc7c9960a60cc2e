import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisReady } from "../../src/ops/checks.js";
import { runChecks } from "../../src/ops/readiness.js";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("redisReady", () => {
  let redisServer: ChildProcess;
  let redis: Redis;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redisServer = spawn(
      "/usr/bin/redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    // BullMQ's connection settings: commands wait for Redis instead of failing.
    redis = new Redis({
      host: "127.0.0.1",
      port,
      maxRetriesPerRequest: null,
      retryStrategy: () => 50,
    });
    // Refused connections while it starts and after it is killed are expected here.
    redis.on("error", () => {});
    await new Promise<void>((resolve) => redis.once("ready", () => resolve()));
  });

  afterAll(async () => {
    redis?.disconnect();
    redisServer?.kill();
  });

  it("is ok while Redis answers PING, and times out once Redis is gone", async () => {
    expect(await runChecks([redisReady(redis)], 1_000)).toEqual({
      ready: true,
      checks: { redis: "ok" },
    });

    const exited = new Promise((resolve) => redisServer.once("exit", resolve));
    redisServer.kill();
    await exited;

    expect(await runChecks([redisReady(redis)], 300)).toEqual({
      ready: false,
      checks: { redis: "timed out after 300 ms" },
    });
  });

  it("reports a reply other than PONG", async () => {
    const check = redisReady({ ping: async () => "LOADING" });
    expect(await runChecks([check])).toEqual({
      ready: false,
      checks: { redis: "PING answered LOADING" },
    });
  });
});
