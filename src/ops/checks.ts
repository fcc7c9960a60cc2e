import type { ReadinessCheck } from "./readiness.js";

/** The one ioredis method the check needs, so any client (or BullMQ's connection) fits. */
export interface Pingable {
  ping(): Promise<string>;
}

/**
 * Redis answers `PING`. While Redis is down ioredis queues commands and reconnects (forever on a
 * BullMQ connection, `maxRetriesPerRequest: null`), so this can hang: `/readyz`'s timeout ends it.
 */
export function redisReady(redis: Pingable): ReadinessCheck {
  return {
    name: "redis",
    async check() {
      const reply = await redis.ping();
      if (reply !== "PONG") throw new Error(`PING answered ${reply}`);
    },
  };
}
