import { Redis } from "ioredis";

/**
 * One connection setting for everything on Redis. BullMQ needs `maxRetriesPerRequest: null` so
 * its blocking commands wait out a Redis restart instead of failing; the other users agree.
 */
export function createRedisConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
}
