import type { LoadedConfig } from "../config/load.js";
import { statusOf } from "./http-status.js";
import { withTimeout } from "./with-timeout.js";

export interface ConfigCache {
  /** The config read within the TTL, if any. */
  get(repo: string, now: number): LoadedConfig | undefined;
  set(repo: string, now: number, value: LoadedConfig): void;
  /** The last config read, however old: what a failed re-read falls back to. */
  lastRead(repo: string): LoadedConfig | undefined;
}

export function createConfigCache(ttlMs: number, capacity = 10_000): ConfigCache {
  const entries = new Map<string, { at: number; value: LoadedConfig }>();
  return {
    get(repo, now) {
      const entry = entries.get(repo);
      return entry && now - entry.at < ttlMs ? entry.value : undefined;
    },
    set(repo, now, value) {
      entries.delete(repo);
      entries.set(repo, { at: now, value });
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
    lastRead: (repo) => entries.get(repo)?.value,
  };
}

/** How long an event may wait for its config during an outage before going on without it. */
export const CONFIG_WAIT_MS = 15_000;

/**
 * An event's patience: `budgetMs` is what is left of its wait (the app subtracts the time since
 * the event was received, so retries share one budget). Without it, a read that fails for a
 * moment and has nothing to fall back to throws (the scheduler's ticks: the next tick tries again).
 */
export interface ConfigWait {
  budgetMs: number;
}

/** Pause between reads while waiting; the forge client has its own retries inside each read. */
const READ_PAUSE_MS = 500;
/** A retried job whose budget is spent still gets one short read before the defaults stand in. */
const LAST_CHANCE_MS = 1_000;

/** 5xx, 429 and network errors pass; anything else (401, 403: no access to the file) will not. */
export function isTransientReadError(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || !Number.isFinite(status) || status >= 500 || status === 429;
}

/**
 * Reads a repository's config through the cache. A file that is missing or broken gives
 * defaults (with the error to post). A read that fails for a moment (5xx, timeout) goes on with
 * the config last read; never having read one, an event waits up to its budget, reading again,
 * and then goes on with the built-in defaults marked `provisional` (not cached, so the next
 * event or tick reads again): a Sev-1 is declared within seconds whatever the forge does.
 */
export async function readConfigCached(
  cache: ConfigCache,
  repo: string,
  now: number,
  fileName: string,
  read: () => Promise<LoadedConfig>,
  defaults: () => LoadedConfig,
  wait?: ConfigWait,
): Promise<LoadedConfig> {
  const cached = cache.get(repo, now);
  if (cached) return cached;
  const deadline = performance.now() + Math.max(0, wait?.budgetMs ?? 0);
  for (;;) {
    const left = deadline - performance.now();
    let loaded: LoadedConfig;
    try {
      loaded = wait ? await withTimeout(Math.max(left, LAST_CHANCE_MS), read) : await read();
    } catch (error) {
      const message = describeFailure(error);
      if (!isTransientReadError(error)) {
        loaded = defaults();
        loaded.error = `Invalid config in ${fileName}:\n- (file): ${message}\nsevbot is using the built-in defaults until this is fixed.`;
        cache.set(repo, now, loaded);
        return loaded;
      }
      const known = cache.lastRead(repo);
      if (known) return known;
      if (!wait)
        throw Object.assign(
          new Error(`cannot read ${fileName} of ${repo} yet (${message}); will retry`),
          { cause: error },
        );
      const remaining = deadline - performance.now();
      if (remaining <= 0) return unreadable(fileName, message, defaults);
      await new Promise((resolve) => setTimeout(resolve, Math.min(READ_PAUSE_MS, remaining)));
      continue;
    }
    cache.set(repo, now, loaded);
    return loaded;
  }
}

function unreadable(fileName: string, reason: string, defaults: () => LoadedConfig): LoadedConfig {
  return {
    ...defaults(),
    provisional: true,
    error: `Could not read ${fileName} (${reason}): sevbot went on with the built-in defaults so that nothing waits. The owners, on-call and escalation policy from the file will be applied here as soon as it can be read.`,
  };
}

/** The first line of the error, with its HTTP status when the words do not say it. */
function describeFailure(error: unknown): string {
  const message = String((error as Error).message).split("\n")[0] ?? "";
  const status = statusOf(error);
  return status !== undefined && !message.includes(String(status))
    ? `HTTP ${status}: ${message}`
    : message;
}
