import type { Redis } from "ioredis";
import {
  mayMint,
  TOKEN_TTL_MS,
  TOMBSTONE_TTL_MS,
  type DeclarationTokens,
} from "../../app/declaration-tokens.js";
import { issueKey } from "../../core/model.js";

/**
 * Declaration tokens shared by the replicas: one key per source issue, `fresh` when minted
 * (`SET NX`, so a late `opened` never overwrites a tombstone) and `spent` once an attempt to
 * create its log began (`SET … GET`, atomic: exactly one attempt ever reads `fresh`).
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
      if (!mayMint(createdAt, now())) return;
      await redis.set(keyOf(source), "fresh", "PX", TOKEN_TTL_MS, "NX");
    },
    async spend(source) {
      const previous = await redis.set(keyOf(source), "spent", "PX", TOMBSTONE_TTL_MS, "GET");
      return previous === "fresh";
    },
  };
}
