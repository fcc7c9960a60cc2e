import type { Redis } from "ioredis";
import type { DeliveryClaims } from "../../ports/event-queue.js";

/** A day: GitHub and GitLab redeliver by hand within that, never later in practice. */
const CLAIM_SECONDS = 86_400;

/** Delivery dedupe across replicas: one atomic `SET NX` with an expiry per delivery id. */
export function createRedisDeliveryClaims(redis: Redis, prefix = "sevbot"): DeliveryClaims {
  let duplicates = 0;
  return {
    async claim(deliveryId) {
      const claimed = (await redis.set(`${prefix}:delivery:${deliveryId}`, "1", "EX", CLAIM_SECONDS, "NX")) === "OK";
      if (!claimed) duplicates++;
      return claimed;
    },
    async release(deliveryId) {
      await redis.del(`${prefix}:delivery:${deliveryId}`);
    },
    get duplicates() {
      return duplicates;
    },
  };
}
