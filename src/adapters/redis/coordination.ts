import type { Coordination, Logger } from "../../app/runtime.js";
import { createRedisConnection } from "./connection.js";
import { createRedisDeliveryClaims } from "./delivery-claims.js";
import { createRedisEventQueue } from "./event-queue.js";
import { createRedisIncidentLock } from "./incident-lock.js";
import { createRedisScheduler } from "./scheduler.js";

/**
 * Several replicas on one Redis: delivery claims, incident locks, the work queue and the one
 * scheduler. Redis never holds the only copy of an incident: the state lives in the tracker.
 */
export function createRedisCoordination(url: string, log: Logger) {
  const redis = createRedisConnection(url);
  redis.on("error", (error) => log.warn(`redis: ${error.message}`));
  const events = createRedisEventQueue(redis, log);
  const scheduler = createRedisScheduler(redis, log);
  const coordination: Coordination = { dedupe: createRedisDeliveryClaims(redis), mutex: createRedisIncidentLock(redis), events, scheduler };
  return {
    coordination,
    redis,
    ping: async () => void (await redis.ping()),
    async close() {
      await scheduler.close();
      await events.close();
      redis.disconnect();
    },
  };
}
