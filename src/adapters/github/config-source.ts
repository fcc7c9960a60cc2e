import { readConfigCached, type ConfigCache, type ConfigWait } from "../../app/config-cache.js";
import { parseConfig, yamlSyntaxError, type LoadedConfig } from "../../config/load.js";
import type { GithubOctokit } from "./forge.js";

export const GITHUB_CONFIG_FILE = ".github/sevbot.yml";

/**
 * Reads `.github/sevbot.yml` (or the Action's `config-path`) through Probot's config plugin (so `_extends` works, e.g. from the
 * organisation's `.github` repository), validated by the same checks as GitLab and `validate`,
 * cached briefly (and revalidated with ETags). A missing or broken file never stops an incident:
 * sevbot goes on with defaults.
 */
export async function loadGithubConfig(
  octokit: GithubOctokit,
  repo: string,
  cache: ConfigCache,
  now: number,
  wait?: ConfigWait,
  path = GITHUB_CONFIG_FILE,
): Promise<LoadedConfig> {
  const [owner = "", name = ""] = repo.split("/");
  return readConfigCached(
    cache,
    repo,
    now,
    path,
    async () => {
      try {
        const { config } = await octokit.config.get({ owner, repo: name, path });
        return parseConfig(Object.keys(config).length === 0 ? undefined : config, path);
      } catch (error) {
        const refused = loaderRefusal(error, repo, path);
        if (refused) return refused;
        throw error;
      }
    },
    () => parseConfig(undefined, path),
    wait,
  );
}

const LOADER = "[@probot/octokit-plugin-config]";

/**
 * Probot's loader throws plain errors (no HTTP status) for what is wrong with the files
 * themselves: YAML it cannot parse, a directory, an `_extends` loop. Reading again will not
 * change them, so they are config errors, not outages; its YAML parser's line and column are kept.
 */
function loaderRefusal(error: unknown, repo: string, path: string): LoadedConfig | undefined {
  const { message = "", cause } = error as { message?: string; cause?: unknown };
  if (!message.startsWith(LOADER)) return undefined;
  const file = fileOf(message, repo, path);
  const position = (cause as { linePos?: Array<{ line: number; col: number }> } | undefined)
    ?.linePos?.[0];
  if (position) {
    const reason = String((cause as Error).message)
      .split("\n")[0]!
      .replace(/ at line \d+, column \d+:?$/, "");
    return yamlSyntaxError(file, { line: position.line, column: position.col, reason });
  }
  // A lone scalar: the same words GitLab and `validate` use for it.
  if (message.includes("(YAML is not an object)")) return parseConfig("", file);
  const reason = message.slice(LOADER.length).trim();
  return {
    ...parseConfig(undefined, file),
    error: `Invalid config in ${file}:\n- (file): ${reason}\nsevbot is using the built-in defaults for every setting until this is fixed.`,
  };
}

/** `.github/sevbot.yml` for the repository's own file, `owner/repo:path` for an `_extends` one. */
function fileOf(message: string, repo: string, path: string): string {
  const match = /\/repos\/([^/]+\/[^/]+)\/contents\/([^\s?]+)/.exec(message);
  if (!match) return path;
  const named = decodeURIComponent(match[2]!);
  return match[1] === repo ? named : `${match[1]}:${named}`;
}
