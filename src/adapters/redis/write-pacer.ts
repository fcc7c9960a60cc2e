import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";

/**
 * Reserves the key's next free slot atomically, on Redis's clock (replicas' clocks may disagree):
 * slot = max(now + this replica's own floor, stored next); stores slot + interval until it lapses;
 * answers how long to wait for the slot. In microseconds, so rounding never eats into the spacing.
 */
const RESERVE = `
local time = redis.call("TIME")
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local slot = math.max(now + tonumber(ARGV[2]), tonumber(redis.call("GET", KEYS[1]) or "0"))
redis.call("SET", KEYS[1], string.format("%d", slot + interval), "PX", string.format("%d", math.ceil((slot + interval - now) / 1000)))
return slot - now`;

/** The part of a Bottleneck group that @octokit/plugin-throttling uses for `write` and `notifications`. */
export interface PacedGroup {
  key(id: string): { schedule<T>(options: object, fn: () => T | PromiseLike<T>): Promise<T> };
}

export type PacingMode = "redis" | "local";

export interface WritePacer {
  group(name: string): PacedGroup;
  /** `local` while Redis is away (each replica paces alone), `redis` otherwise. */
  mode(): PacingMode;
  close(): Promise<void>;
}

export interface WritePacerOptions {
  intervalMs: number;
  log: { warn(message: string): void };
  /** A reservation slower than this counts as Redis being away. */
  timeoutMs?: number;
  prefix?: string;
}

/** Waits at least `ms`: a timer set late in a busy loop turn can fire early, which would break the spacing. */
async function sleepAtLeast(ms: number): Promise<void> {
  const until = performance.now() + ms;
  for (let left = ms; left > 0; left = until - performance.now())
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
}

/**
 * Write pacing shared by all replicas: one Redis slot per key, `intervalMs` apart. When Redis is
 * down or restarting, a reservation fails fast and the replica paces on its own until Redis answers
 * again, so a write never hangs or fails because of Redis (Bottleneck's clustering never recovered).
 * A write starts the answered wait after Redis's answer arrives, so two replicas' writes can come
 * closer than the interval by the difference of their answers' latencies (well under a millisecond
 * on a healthy network); one replica's own writes by at most a late timer (TIMER_GRACE_MS).
 */
export function createRedisWritePacer(
  url: string,
  { intervalMs, log, timeoutMs = 500, prefix = "sevbot" }: WritePacerOptions,
): WritePacer {
  // Its own connection, unlike BullMQ's patient ones: no offline queue, no resending after a
  // reconnect, a short timeout; so a reservation fails at once while Redis is away, and
  // reconnecting (at most a second apart) brings pacing back to Redis by itself.
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: timeoutMs,
    connectTimeout: timeoutMs * 4,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  redis.on("error", () => undefined); // reported once per outage below, not per reconnect attempt
  const local = createLocalSlots(intervalMs);
  let mode: PacingMode = "redis";

  async function reserve(key: string): Promise<number> {
    try {
      const micros = await redis.eval(
        RESERVE,
        1,
        key,
        String(Math.round(intervalMs * 1_000)),
        String(Math.round(local.wait(key) * 1_000)),
      );
      const wait = Number(micros) / 1_000;
      if (mode === "local")
        log.warn("write pacing: Redis answers again, pacing is shared across replicas again");
      mode = "redis";
      local.record(key, wait);
      return wait;
    } catch (error) {
      if (mode === "redis")
        log.warn(
          `write pacing: Redis unavailable (${(error as Error).message}), pacing per replica until it is back`,
        );
      mode = "local";
      return local.reserve(key);
    }
  }

  return {
    group: (name) => ({
      key: (id) => ({
        async schedule(_options, fn) {
          // Options (retry priority, weight) only reorder Bottleneck's queue; spacing applies to all writes.
          if (intervalMs > 0) {
            const key = `${prefix}:pace:${name}:${id}`;
            await sleepAtLeast(await reserve(key));
            await local.start(key);
          }
          return fn();
        },
      }),
    }),
    mode: () => mode,
    async close() {
      redis.disconnect();
    },
  };
}

/** Timers run up to a millisecond or two late; forgiven, so that lateness does not add up from write to write. */
const TIMER_GRACE_MS = 2;

/**
 * This replica's own view per key: the next free slot (the fallback, and a floor for the Redis
 * slot) and the last write it started (after a stall, writes whose timers came due together still
 * go out an interval apart instead of in a burst).
 */
function createLocalSlots(intervalMs: number) {
  const keys = new Map<string, { next: number; started: number }>();
  const entry = (key: string) => {
    let found = keys.get(key);
    if (!found) {
      const now = performance.now();
      // Lapsed keys are forgotten, so the map holds only keys written to lately.
      if (keys.size > 1_000)
        for (const [other, { next, started }] of keys)
          if (Math.max(next, started + intervalMs) <= now) keys.delete(other);
      found = { next: 0, started: -Infinity };
      keys.set(key, found);
    }
    return found;
  };
  const wait = (key: string) => Math.max(0, entry(key).next - performance.now());
  /** Notes a slot taken `ms` from now (never moving the next slot earlier). */
  function record(key: string, ms: number): void {
    const slots = entry(key);
    slots.next = Math.max(slots.next, performance.now() + ms + intervalMs);
  }
  return {
    wait,
    record,
    /** Takes the next local slot; synchronous, so concurrent writes of this replica never share one. */
    reserve(key: string): number {
      const ms = wait(key);
      record(key, ms);
      return ms;
    },
    /** Resolves once this replica's previous write on the key is an interval old, and notes this one. */
    async start(key: string): Promise<void> {
      const slots = entry(key);
      const early = () => slots.started + intervalMs - TIMER_GRACE_MS - performance.now();
      while (early() > 0) await sleepAtLeast(early());
      slots.started = performance.now();
    },
  };
}
