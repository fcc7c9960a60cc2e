import { describe, expect, it } from "vitest";
import { createRedisKnownProjects } from "../../src/adapters/redis/known-projects.js";
import { useRedisServer } from "../helpers/redis-server.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * One scheduler ticks for the whole deployment, on whichever replica BullMQ picks: it must tick
 * the GitLab projects every replica heard from, not only its own.
 */
describe("GitLab projects heard from, shared by the replicas on a real Redis", () => {
  const redis = useRedisServer();
  const connect = () => redis.connect();

  it("a project whose webhooks reached one replica is ticked by another; GITLAB_PROJECTS count from the start", async () => {
    const replicaA = createRedisKnownProjects(connect(), quiet, [], { key: "test:projects:1" });
    const replicaB = createRedisKnownProjects(connect(), quiet, ["acme/infra"], {
      key: "test:projects:1",
    });
    replicaA.add("acme/web");
    replicaA.add("acme/web");
    await expect
      .poll(async () => (await replicaB.list()).sort())
      .toEqual(["acme/infra", "acme/web"]);
    expect((await replicaA.list()).sort()).toEqual(["acme/infra", "acme/web"]);
  });

  it("with Redis away a replica still ticks its own projects, and shares them at its next tick once Redis is back", async () => {
    const warnings: string[] = [];
    const replicaA = createRedisKnownProjects(
      connect(),
      { ...quiet, warn: (message) => void warnings.push(message) },
      [],
      { key: "test:projects:2", timeoutMs: 200 },
    );
    const replicaB = createRedisKnownProjects(connect(), quiet, [], {
      key: "test:projects:2",
      timeoutMs: 200,
    });
    expect(await replicaB.list()).toEqual([]);
    await redis.server().down();
    try {
      replicaA.add("acme/web");
      expect(await replicaA.list()).toEqual(["acme/web"]);
      expect(warnings.some((message) => message.includes("Redis did not answer"))).toBe(true);
    } finally {
      await redis.server().up();
    }
    await expect
      .poll(async () => (await replicaA.list(), replicaB.list()), { timeout: 10_000 })
      .toEqual(["acme/web"]);
  });
});
