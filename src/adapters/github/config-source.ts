import { parseConfig, type LoadedConfig } from "../../config/load.js";
import type { GithubOctokit } from "./forge.js";

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
 * Reads `.github/sevbot.yml` through Probot's config plugin (so `_extends` works, e.g. from the
 * organisation's `.github` repository), validated, cached briefly (and revalidated with ETags).
 * A broken file or an API error never stops an incident: sevbot goes on with defaults.
 */
export async function loadGithubConfig(octokit: GithubOctokit, repo: string, cache: ConfigCache, now: number): Promise<LoadedConfig> {
  const cached = cache.get(repo, now);
  if (cached) return cached;
  const [owner = "", name = ""] = repo.split("/");
  let loaded: LoadedConfig;
  try {
    const { config } = await octokit.config.get({ owner, repo: name, path: GITHUB_CONFIG_FILE });
    loaded = parseConfig(Object.keys(config).length === 0 ? undefined : config, GITHUB_CONFIG_FILE);
  } catch (error) {
    loaded = parseConfig(undefined, GITHUB_CONFIG_FILE);
    loaded.error = `Invalid config in ${GITHUB_CONFIG_FILE}:\n- (file): ${(error as Error).message.split("\n")[0]}\nsevbot is using the built-in defaults until this is fixed.`;
  }
  cache.set(repo, now, loaded);
  return loaded;
}
