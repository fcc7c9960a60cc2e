/**
 * Remembers recent webhook delivery ids so a redelivered or duplicated webhook is handled once.
 * Bounded: the oldest ids are forgotten first.
 */
export interface DeliveryDedupe {
  /** True the first time an id is seen, false for every repeat. */
  claim(deliveryId: string): boolean;
  readonly duplicates: number;
}

export function createDeliveryDedupe(capacity = 10_000): DeliveryDedupe {
  const seen = new Set<string>();
  let duplicates = 0;
  return {
    claim(deliveryId) {
      if (seen.has(deliveryId)) {
        duplicates++;
        return false;
      }
      seen.add(deliveryId);
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
      return true;
    },
    get duplicates() {
      return duplicates;
    },
  };
}
