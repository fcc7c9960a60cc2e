import type { Redis } from "ioredis";
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
