import { existsSync } from "node:fs";
import { GITHUB_CONFIG_FILE } from "../adapters/github/config-source.js";
import { GITLAB_CONFIG_FILE } from "../adapters/gitlab/config-source.js";

/** The checkout's sevbot config: GitHub's path when it exists, else GitLab's. */
export function localConfigFile(): string {
  return existsSync(GITHUB_CONFIG_FILE) || !existsSync(GITLAB_CONFIG_FILE)
    ? GITHUB_CONFIG_FILE
    : GITLAB_CONFIG_FILE;
}
