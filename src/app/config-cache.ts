import type { LoadedConfig } from "../config/load.js";
import { statusOf } from "./http-status.js";

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

/** 5xx, 429 and network errors pass; anything else (401, 403: no access to the file) will not. */
export function isTransientReadError(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || !Number.isFinite(status) || status >= 500 || status === 429;
}

/**
 * Reads a repository's config through the cache. A file that is missing or broken gives
 * defaults (with the error to post). A read that failed for a moment must not: the built-in
 * defaults page other people than the team configured, so sevbot goes on with the config it
 * last read, or, never having read one, fails the job so that it is retried.
 */
export async function readConfigCached(
  cache: ConfigCache,
  repo: string,
  now: number,
  fileName: string,
  read: () => Promise<LoadedConfig>,
  defaults: () => LoadedConfig,
): Promise<LoadedConfig> {
  const cached = cache.get(repo, now);
  if (cached) return cached;
  let loaded: LoadedConfig;
  try {
    loaded = await read();
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    if (isTransientReadError(error)) {
      const known = cache.lastRead(repo);
      if (known) return known;
      throw Object.assign(
        new Error(`cannot read ${fileName} of ${repo} yet (${message}); will retry`),
        { cause: error },
      );
    }
    loaded = defaults();
    loaded.error = `Invalid config in ${fileName}:\n- (file): ${message}\nsevbot is using the built-in defaults until this is fixed.`;
  }
  cache.set(repo, now, loaded);
  return loaded;
}
