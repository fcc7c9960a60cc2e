import type { Redis } from "ioredis";
import type { Logger } from "../../app/runtime.js";
import { withTimeout } from "../../app/with-timeout.js";
import type { SentLedger } from "../notify/hub.js";

const KEEP_SECONDS = 7 * 86_400;

/**
 * The notifier hub's memory of successful sends, shared by the replicas. BullMQ runs a job at
 * least once: a notification job whose completion was lost (a Redis restart just after the send)
 * runs again, maybe elsewhere, and must not page twice. A ledger Redis cannot answer within
 * `timeoutMs` says "not sent", so a page is repeated rather than lost.
 */
export function createRedisSentLedger(redis: Redis, log: Logger, { prefix = "sevbot", timeoutMs = 2_000 } = {}): SentLedger {
  const keyOf = (key: string) => `${prefix}:sent:${key}`;
  return {
    async has(key) {
      try {
        return (await withTimeout(timeoutMs, () => redis.exists(keyOf(key)))) === 1;
      } catch (error) {
        log.warn(`sent ledger: ${(error as Error).message}; sending ${key} without knowing whether it went out before`);
        return false;
      }
    },
    async add(key) {
      try {
        await withTimeout(timeoutMs, () => redis.set(keyOf(key), "1", "EX", KEEP_SECONDS));
      } catch (error) {
        log.warn(`sent ledger: could not record ${key} as sent: ${(error as Error).message}`);
      }
    },
  };
}
