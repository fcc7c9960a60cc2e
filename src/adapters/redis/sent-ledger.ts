import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "../../app/runtime.js";
import { withTimeout } from "../../app/with-timeout.js";
import type { SentLedger } from "../notify/hub.js";

const KEEP_SECONDS = 7 * 86_400;
/** Separates who was sending (and since when) from the run's own id in a `sending:` value. */
const RUN_MARK = " run ";

/**
 * The notifier hub's memory of sends, shared by the replicas. BullMQ runs a job at least once: a
 * notification job whose completion was lost (a Redis restart just after the send) runs again,
 * maybe elsewhere, and must not page twice (`sent:`). A job whose replica died mid-send runs
 * again too, and then nobody can know whether the message arrived (`sending:` says who was at
 * it). A ledger Redis cannot answer within `timeoutMs` says "not sent", so a page is repeated
 * rather than lost.
 */
export function createRedisSentLedger(
  redis: Redis,
  log: Logger,
  { prefix = "sevbot", timeoutMs = 2_000 } = {},
): SentLedger {
  const sent = (key: string) => `${prefix}:sent:${key}`;
  const sending = (key: string) => `${prefix}:sending:${key}`;
  const attempt = async <T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await withTimeout(timeoutMs, run);
    } catch (error) {
      log.warn(`sent ledger: ${what}: ${(error as Error).message}`);
      return fallback;
    }
  };
  return {
    has: (key) =>
      attempt(
        `sending ${key} without knowing whether it went out before`,
        async () => (await redis.exists(sent(key))) === 1,
        false,
      ),
    start: (key, owner) =>
      attempt(
        `could not record that ${key} is being sent`,
        async () => {
          // ioredis sends a command again when the connection dropped before its answer (a Redis
          // restart): this SET may have run already and then reads back this very run's value.
          // The run id tells that apart from a run that really stopped mid-send.
          const mine = `${owner} at ${new Date().toISOString()}${RUN_MARK}${randomUUID()}`;
          const before = await redis.set(sending(key), mine, "EX", KEEP_SECONDS, "GET");
          if (before === null || before === mine) return undefined;
          return before.split(RUN_MARK)[0];
        },
        undefined,
      ),
    add: (key) =>
      attempt(
        `could not record ${key} as sent`,
        async () =>
          void (await redis
            .multi()
            .set(sent(key), "1", "EX", KEEP_SECONDS)
            .del(sending(key))
            .exec()),
        undefined,
      ),
    abandon: (key) =>
      attempt(
        `could not clear ${key} as being sent`,
        async () => void (await redis.del(sending(key))),
        undefined,
      ),
  };
}
