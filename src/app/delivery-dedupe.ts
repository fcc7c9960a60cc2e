import type { DeliveryClaims } from "../ports/event-queue.js";

export type DeliveryDedupe = DeliveryClaims;

/**
 * Remembers this process's recent webhook delivery ids so a redelivered or duplicated webhook is
 * handled once; bounded, the oldest forgotten first. Across replicas the work queue dedupes too
 * (a job's id is its delivery id), so this is only the fast path.
 */
export function createDeliveryDedupe(capacity = 10_000): DeliveryDedupe {
  const seen = new Set<string>();
  // The ids in claim order, a ring: forgetting the oldest through `seen.values().next()` walks
  // past every slot a deletion left in the Set, which cost 3% of a webhook flood's CPU.
  const order: Array<string | undefined> = new Array(capacity);
  let oldest = 0;
  let duplicates = 0;
  return {
    async claim(deliveryId) {
      if (seen.has(deliveryId)) {
        duplicates++;
        return false;
      }
      const forgotten = order[oldest];
      if (forgotten !== undefined) seen.delete(forgotten);
      order[oldest] = deliveryId;
      oldest = (oldest + 1) % capacity;
      seen.add(deliveryId);
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
