import { readConfigCached, type ConfigCache } from "../../app/config-cache.js";
import { parseConfig, type LoadedConfig } from "../../config/load.js";
import type { GithubOctokit } from "./forge.js";

export const GITHUB_CONFIG_FILE = ".github/sevbot.yml";

/**
 * Reads `.github/sevbot.yml` (or the Action's `config-path`) through Probot's config plugin (so `_extends` works, e.g. from the
 * organisation's `.github` repository), validated, cached briefly (and revalidated with ETags).
 * A missing or broken file never stops an incident: sevbot goes on with defaults.
 */
export async function loadGithubConfig(
  octokit: GithubOctokit,
  repo: string,
  cache: ConfigCache,
  now: number,
  path = GITHUB_CONFIG_FILE,
): Promise<LoadedConfig> {
  const [owner = "", name = ""] = repo.split("/");
  return readConfigCached(
    cache,
    repo,
    now,
    path,
    async () => {
      const { config } = await octokit.config.get({ owner, repo: name, path });
      return parseConfig(Object.keys(config).length === 0 ? undefined : config, path);
    },
    () => parseConfig(undefined, path),
  );
}
