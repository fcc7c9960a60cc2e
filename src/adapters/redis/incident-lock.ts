import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { createKeyedMutex, type KeyedMutex } from "../../app/keyed-mutex.js";

/** Deletes or extends the lock only while it is still ours (a stale holder must not free a new one's lock). */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
/**
 * Takes the lock when free, or finds it already ours: ioredis sends a command again when Redis
 * stopped before answering it (a restart), and the first may have taken the lock already.
 */
const ACQUIRE = `local held = redis.call("get", KEYS[1])
if held == ARGV[1] then return 1 end
if held then return 0 end
redis.call("set", KEYS[1], ARGV[1], "PX", ARGV[2])
return 1`;

export interface LockTiming {
  /** The lock expires this long after its holder stops renewing it (a replica killed mid-job). */
  ttlMs: number;
  retryMs: number;
  /** Longest wait for a lock before the job fails and is retried by the queue. */
  maxWaitMs: number;
}

const DEFAULT_TIMING: LockTiming = { ttlMs: 10_000, retryMs: 25, maxWaitMs: 120_000 };

/**
 * One incident at a time across replicas (principle 6): a Redis lock per incident, renewed while
 * the work runs. Within one replica the in-process mutex queues first, so replicas do not spin
 * against themselves.
 */
export function createRedisIncidentLock(
  redis: Redis,
  timing: Partial<LockTiming> = {},
  prefix = "sevbot",
): KeyedMutex {
  const { ttlMs, retryMs, maxWaitMs } = { ...DEFAULT_TIMING, ...timing };
  const local = createKeyedMutex();

  async function acquire(key: string, token: string): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while ((await redis.eval(ACQUIRE, 1, key, token, String(ttlMs))) !== 1) {
      if (Date.now() > deadline)
        throw new Error(`incident lock ${key} still held after ${maxWaitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, retryMs + Math.random() * retryMs));
    }
  }

  return {
    run(key, work) {
      return local.run(key, async () => {
        const lockKey = `${prefix}:lock:${key}`;
        const token = randomUUID();
        await acquire(lockKey, token);
        const renew = setInterval(
          () => void redis.eval(RENEW, 1, lockKey, token, String(ttlMs)).catch(() => undefined),
          ttlMs / 3,
        );
        renew.unref();
        try {
          return await work();
        } finally {
          clearInterval(renew);
          await redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
        }
      });
    },
  };
}
