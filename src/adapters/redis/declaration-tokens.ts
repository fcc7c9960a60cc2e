import type { Redis } from "ioredis";
import {
  mayMint,
  TOKEN_TTL_MS,
  TOMBSTONE_TTL_MS,
  type DeclarationTokens,
} from "../../app/declaration-tokens.js";
import { issueKey } from "../../core/model.js";

/**
 * Mints in one step: records when the store began (kept with Redis's data, so it moves forward
 * if Redis lost them), and sets `fresh` only for an issue created after that, unless a token or a
 * tombstone is there already (`NX`).
 */
const MINT = `redis.call("set", KEYS[2], ARGV[1], "NX")
if tonumber(ARGV[2]) <= tonumber(redis.call("get", KEYS[2])) then return 0 end
if redis.call("set", KEYS[1], "fresh", "PX", ARGV[3], "NX") then return 1 end
return 0`;

/**
 * Declaration tokens shared by the replicas: one key per source issue, `fresh` when minted
 * (`NX`, so a late `opened` never overwrites a tombstone) and `spent` once an attempt to create
 * its log began (`SET … GET`, atomic: exactly one attempt ever reads `fresh`). Beside it, a set
 * of the trackers those attempts opened logs in, kept as long as the tombstone.
 */
export function createRedisDeclarationTokens(
  redis: Redis,
  prefix = "sevbot",
  now: () => number = () => Date.now(),
): DeclarationTokens {
  const keyOf = (source: Parameters<DeclarationTokens["spend"]>[0]) =>
    `${prefix}:declaration-token:${issueKey(source)}`;
  return {
    async mint(source, createdAt) {
      const at = now();
      // The store's start is checked in Redis (MINT); the issue's age here.
      if (!createdAt || !mayMint(createdAt, at, Number.NEGATIVE_INFINITY)) return;
      await redis.eval(
        MINT,
        2,
        keyOf(source),
        `${prefix}:declaration-tokens:since`,
        String(at),
        String(Date.parse(createdAt)),
        String(TOKEN_TTL_MS),
      );
    },
    async spend(source, tracker) {
      const token = keyOf(source);
      const trackers = `${token}:trackers`;
      const spent = redis.multi().set(token, "spent", "PX", TOMBSTONE_TTL_MS, "GET");
      if (tracker) spent.sadd(trackers, tracker).pexpire(trackers, TOMBSTONE_TTL_MS);
      const [[error, previous] = [null, null]] = (await spent.exec()) ?? [];
      if (error) throw error;
      return previous === "fresh";
    },
    async trackers(source) {
      return redis.smembers(`${keyOf(source)}:trackers`);
    },
  };
}
