/**
 * Small facts a replica learns from one request and another may need for the next (which issue a
 * PagerDuty incident or an alert group belongs to). In this process by default; in Redis with
 * replicas. Never the only copy of anything: each fact can be found again on the forge.
 */
/** How long sevbot remembers which incident a war-room channel belongs to. */
export const WAR_ROOM_MEMORY_MS = 90 * 24 * 60 * 60_000;

export interface SharedMemo {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export function memorySharedMemo(limit = 10_000, now = () => Date.now()): SharedMemo {
  const entries = new Map<string, { value: string; until: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry || entry.until <= now()) return void entries.delete(key);
      return entry.value;
    },
    async set(key, value, ttlMs) {
      entries.delete(key);
      entries.set(key, { value, until: now() + ttlMs });
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    },
  };
}
