import { createSevbotOctokit } from "./octokit.js";
import type { GithubOctokit } from "./forge.js";

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined };

/**
 * The server's Octokit (throttling, retries of reads, write spacing, ETags, Probot's config
 * loader) acting with a plain token: GITHUB_TOKEN in a workflow, a personal or App token on the
 * command line.
 */
export function tokenOctokit(options: {
  token: string;
  baseUrl: string;
  writeIntervalMs: number;
  warn?: (message: string) => void;
}): GithubOctokit {
  const Octokit = createSevbotOctokit({ writeIntervalMs: options.writeIntervalMs });
  return new Octokit({
    auth: { token: options.token },
    baseUrl: options.baseUrl,
    log: { ...quiet, error: options.warn ?? (() => undefined) },
  }) as GithubOctokit;
}
