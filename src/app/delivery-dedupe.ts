/**
 * Remembers recent webhook delivery ids so a redelivered or duplicated webhook is handled once.
 * Bounded: the oldest ids are forgotten first.
 */
import type { DeliveryClaims } from "../ports/event-queue.js";

export type DeliveryDedupe = DeliveryClaims;

/** In one process; with REDIS_URL, `adapters/redis/delivery-claims.ts` takes this role across replicas. */
export function createDeliveryDedupe(capacity = 10_000): DeliveryDedupe {
  const seen = new Set<string>();
  let duplicates = 0;
  return {
    async claim(deliveryId) {
      if (seen.has(deliveryId)) {
        duplicates++;
        return false;
      }
      seen.add(deliveryId);
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
      return true;
    },
    async release(deliveryId) {
      seen.delete(deliveryId);
    },
    get duplicates() {
      return duplicates;
    },
  };
}
