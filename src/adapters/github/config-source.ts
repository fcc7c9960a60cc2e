import type { Context } from "probot";
import { parseConfig, type LoadedConfig } from "../../config/load.js";

export const GITHUB_CONFIG_FILE = ".github/sevbot.yml";

export interface ConfigCache {
  get(repo: string, now: number): LoadedConfig | undefined;
  set(repo: string, now: number, value: LoadedConfig): void;
}

export function createConfigCache(ttlMs: number): ConfigCache {
  const entries = new Map<string, { at: number; value: LoadedConfig }>();
  return {
    get(repo, now) {
      const entry = entries.get(repo);
      return entry && now - entry.at < ttlMs ? entry.value : undefined;
    },
    set(repo, now, value) {
      entries.set(repo, { at: now, value });
    },
  };
}

/**
 * Reads `.github/sevbot.yml` through Probot's loader (so `_extends` works), validated, cached
 * briefly. A broken file or an API error never stops an incident: sevbot goes on with defaults.
 */
export async function loadGithubConfig(context: Context<"issues" | "issue_comment">, cache: ConfigCache, now: number): Promise<LoadedConfig> {
  const repo = context.payload.repository.full_name;
  const cached = cache.get(repo, now);
  if (cached) return cached;
  let loaded: LoadedConfig;
  try {
    loaded = parseConfig(await context.config("sevbot.yml"), GITHUB_CONFIG_FILE);
  } catch (error) {
    loaded = parseConfig(undefined, GITHUB_CONFIG_FILE);
    loaded.error = `Invalid config in ${GITHUB_CONFIG_FILE}:\n- (file): ${(error as Error).message.split("\n")[0]}\nsevbot is using the built-in defaults until this is fixed.`;
  }
  cache.set(repo, now, loaded);
  return loaded;
}
