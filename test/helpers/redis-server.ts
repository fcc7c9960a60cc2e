import type { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { startRedisServer, type RedisServer } from "../../src/scenario/redis-server.js";
import { createRedisConnection } from "../../src/adapters/redis/connection.js";

/** The launcher lives in src/ so the bench can start Redis too; tests keep importing it from here. */
export { startRedisServer, type RedisServer } from "../../src/scenario/redis-server.js";

/**
 * Connections a test opens as "replicas" would (sevbot's own settings), all closed by `closeAll`.
 * Their errors are ignored: restart tests refuse connections for a moment on purpose.
 */
export function redisConnections(url: () => string): { connect(): Redis; closeAll(): void } {
  const opened: Redis[] = [];
  return {
    connect() {
      const redis = createRedisConnection(url());
      redis.on("error", () => undefined);
      opened.push(redis);
      return redis;
    },
    closeAll: () => opened.splice(0).forEach((redis) => redis.disconnect()),
  };
}

/**
 * A real redis-server for the enclosing `describe`, started before its tests and stopped after,
 * with `connect()` opening "replica" connections that are closed with it.
 */
export function useRedisServer(): { server: () => RedisServer; connect(): Redis } {
  let server: RedisServer | undefined;
  const { connect, closeAll } = redisConnections(() => server!.url);
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    closeAll();
    await server?.stop();
  });
  return { server: () => server!, connect };
}
