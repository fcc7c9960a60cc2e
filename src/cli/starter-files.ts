import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { GITHUB_CONFIG_FILE } from "../adapters/github/config-source.js";
import { GITLAB_CONFIG_FILE } from "../adapters/gitlab/config-source.js";
import { packageFile } from "../package-root.js";
import type { Platform } from "./remote.js";

const GITLAB_TEMPLATES = [
  ".gitlab/issue_templates/Incident.md",
  ".gitlab/issue_templates/Security report.md",
];
const GITHUB_TEMPLATES = [
  ".github/ISSUE_TEMPLATE/incident.yml",
  ".github/ISSUE_TEMPLATE/security-report.yml",
  ".github/ISSUE_TEMPLATE/config.yml",
];

/** sevbot as a GitHub Action, no server: README "Running as a GitHub Action". */
const ACTION_WORKFLOW = ".github/workflows/sevbot.yml";

/**
 * sevbot's own issue templates, copied to the same paths in a checkout. A GitHub checkout gets
 * the GitLab ones too, as it did before GitLab had its own flag, and the Action's workflow.
 */
const TEMPLATES: Record<Platform, string[]> = {
  github: [...GITHUB_TEMPLATES, ...GITLAB_TEMPLATES, ACTION_WORKFLOW],
  gitlab: GITLAB_TEMPLATES,
};

/** The repository the shipped config.yml links to; replaced by the one being set up. */
const PLACEHOLDER_REPOSITORY = "https://github.com/OWNER/REPO/";

const STARTER_CONFIG = `# sevbot configuration: every setting is optional. The built-in defaults are sevbot's
# config/default.yml; the reference is config/sevbot.schema.json.
oncall: []
components:
  owners: {}
  fallbackOwners: []
tracker:
  repository: ""
`;

export interface StarterTarget {
  /** The checkout to write into. */
  dir: string;
  platform: Platform;
  /** The web address of the repository being set up, e.g. https://github.com/acme/shop. */
  repositoryUrl: string;
}

/** Writes the issue templates and a starter config; a file already there is left alone. */
export function writeStarterFiles(target: StarterTarget, out: (line: string) => void): void {
  const repository = `${target.repositoryUrl}/`;
  for (const path of TEMPLATES[target.platform]) {
    const text = readFileSync(packageFile(path), "utf8");
    writeOnce(target.dir, path, text.replaceAll(PLACEHOLDER_REPOSITORY, repository), out);
  }
  const config = target.platform === "github" ? GITHUB_CONFIG_FILE : GITLAB_CONFIG_FILE;
  writeOnce(target.dir, config, STARTER_CONFIG, out);
  if (target.platform === "github")
    out(`${ACTION_WORKFLOW} runs sevbot as a GitHub Action: delete it where a sevbot server runs`);
}

function writeOnce(dir: string, path: string, text: string, out: (line: string) => void): void {
  const file = join(dir, path);
  if (existsSync(file)) {
    out(`kept ${path} (already there)`);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  out(`wrote ${path}`);
}

/** GitHub's web address for its API address: api.github.com, or GitHub Enterprise's /api/v3. */
export function githubWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  return url.origin + url.pathname.replace(/\/api\/v3\/?$/, "").replace(/\/$/, "");
}
