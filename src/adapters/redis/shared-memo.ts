import type { Redis } from "ioredis";
import type { Logger } from "../../app/runtime.js";
import type { SharedMemo } from "../../app/shared-memo.js";
import { withTimeout } from "../../app/with-timeout.js";

/** The replicas' shared memo: plain keys with a lifetime. Redis away: "not known", and a warning. */
export function createRedisSharedMemo(
  redis: Redis,
  log: Logger,
  { prefix = "sevbot:memo:", timeoutMs = 2_000 } = {},
): SharedMemo {
  return {
    async get(key) {
      try {
        return (await withTimeout(timeoutMs, () => redis.get(prefix + key))) ?? undefined;
      } catch (error) {
        log.warn(`shared memo: could not read ${key} (${(error as Error).message})`);
        return undefined;
      }
    },
    async set(key, value, ttlMs) {
      try {
        await withTimeout(timeoutMs, () => redis.set(prefix + key, value, "PX", ttlMs));
      } catch (error) {
        log.warn(`shared memo: could not record ${key} (${(error as Error).message})`);
      }
    },
  };
}
