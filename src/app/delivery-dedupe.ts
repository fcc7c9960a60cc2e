import type { DeliveryClaims } from "../ports/event-queue.js";

export type DeliveryDedupe = DeliveryClaims;

/**
 * Remembers this process's recent webhook delivery ids so a redelivered or duplicated webhook is
 * handled once; bounded, the oldest forgotten first. Across replicas the work queue dedupes too
 * (a job's id is its delivery id), so this is only the fast path.
 */
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
