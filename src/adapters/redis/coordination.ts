import type { Redis } from "ioredis";
import type { Coordination, Logger } from "../../app/runtime.js";
import { createRedisConnection } from "./connection.js";
import { createRedisDeclarationTokens } from "./declaration-tokens.js";
import { createRedisEventQueue, type RedisQueueTuning } from "./event-queue.js";
import { createRedisIncidentLock } from "./incident-lock.js";
import { createRedisNotificationQueue, type NotificationSender } from "./notification-queue.js";
import { createRedisScheduler } from "./scheduler.js";

/**
 * Several replicas on one Redis: the work queue (which also deduplicates deliveries by job id),
 * incident locks and the one scheduler. Redis never holds the only copy of an incident: the state lives in the tracker.
 */
export function createRedisCoordination(
  url: string,
  log: Logger,
  tuning: Partial<RedisQueueTuning> = {},
) {
  // BullMQ wants a connection of its own per queue and worker; all are closed together.
  const connections: Redis[] = [];
  const connect = () => {
    const connection = createRedisConnection(url);
    connection.on("error", (error) => log.warn(`redis: ${error.message}`));
    connections.push(connection);
    return connection;
  };
  const redis = connect();
  const events = createRedisEventQueue(connect, log, tuning);
  const scheduler = createRedisScheduler(connect, log);
  // Deliveries are deduplicated by the queue itself: a job id is claimed atomically by the first
  // replica to add it and kept a day. A separate claim taken before the job was queued could be
  // lost with Redis mid-restart and drop the delivery on every replica (seen in the replica suite).
  const notifications = createRedisNotificationQueue(connect, log);
  const coordination: Coordination = {
    mutex: createRedisIncidentLock(redis),
    declarations: createRedisDeclarationTokens(redis),
    events,
    scheduler,
    queueNotification: (job) => notifications.push(job),
  };
  return {
    coordination,
    /** Starts sending queued notifications (once the runtime that sends them exists). */
    startNotifications: (send: NotificationSender) => notifications.start(send),
    redis,
    ping: async () => void (await redis.ping()),
    async close() {
      await notifications.close();
      await scheduler.close();
      await events.close();
      for (const connection of connections) connection.disconnect();
    },
  };
}

export type RedisCoordination = ReturnType<typeof createRedisCoordination>;
