import { readConfigCached, type ConfigCache, type ConfigWait } from "../../app/config-cache.js";
import { parseConfigText, type LoadedConfig } from "../../config/load.js";
import type { Forge } from "../../ports/forge.js";

export const GITLAB_CONFIG_FILE = ".gitlab/sevbot.yml";

/**
 * Reads `.gitlab/sevbot.yml` from the project's default branch (repository files API), validated
 * and cached briefly. A missing or broken file never stops an incident: defaults apply.
 */
export async function loadGitlabConfig(
  forge: Forge,
  project: string,
  cache: ConfigCache,
  now: number,
  wait?: ConfigWait,
): Promise<LoadedConfig> {
  return readConfigCached(
    cache,
    project,
    now,
    GITLAB_CONFIG_FILE,
    async () =>
      parseConfigText(await forge.readFile(project, GITLAB_CONFIG_FILE), GITLAB_CONFIG_FILE),
    () => parseConfigText(undefined, GITLAB_CONFIG_FILE),
    wait,
  );
}
