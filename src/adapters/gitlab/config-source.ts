import { parseConfigText, type LoadedConfig } from "../../config/load.js";
import type { Forge } from "../../ports/forge.js";
import type { ConfigCache } from "../github/config-source.js";

export const GITLAB_CONFIG_FILE = ".gitlab/sevbot.yml";

/**
 * Reads `.gitlab/sevbot.yml` from the project's default branch (repository files API), validated
 * and cached briefly. A broken file or an API error never stops an incident: defaults apply.
 */
export async function loadGitlabConfig(forge: Forge, project: string, cache: ConfigCache, now: number): Promise<LoadedConfig> {
  const cached = cache.get(project, now);
  if (cached) return cached;
  let loaded: LoadedConfig;
  try {
    loaded = parseConfigText(await forge.readFile(project, GITLAB_CONFIG_FILE), GITLAB_CONFIG_FILE);
  } catch (error) {
    loaded = parseConfigText(undefined, GITLAB_CONFIG_FILE);
    loaded.error = `Invalid config in ${GITLAB_CONFIG_FILE}:\n- (file): ${(error as Error).message.split("\n")[0]}\nsevbot is using the built-in defaults until this is fixed.`;
  }
  cache.set(project, now, loaded);
  return loaded;
}
