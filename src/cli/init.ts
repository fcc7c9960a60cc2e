import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GITHUB_CONFIG_FILE } from "../adapters/github/config-source.js";
import { GITLAB_CONFIG_FILE } from "../adapters/gitlab/config-source.js";
import { defaultConfig, parseConfigText } from "../config/load.js";
import { desiredLabels, planLabels, type LabelSpec } from "../core/labels.js";
import { platformOf, remoteFromFlags } from "./connect.js";
import { parseFlags } from "./flags.js";
import { isRepoName, type Platform } from "./remote.js";

const TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));
const USAGE =
  "Usage: sevbot init <owner/repo> [--token T] [--api URL] [--config file] [--write DIR]\n       sevbot init <group/project> --gitlab URL [--token T] [--config file] [--write DIR]";

/** Issue templates by platform: a GitHub checkout gets both, as before GitLab had its own flag. */
const STARTER_FILES: Record<Platform, { templates: Array<[string, string]>; config: string }> = {
  github: {
    templates: [
      ["github/ISSUE_TEMPLATE/incident.yml", ".github/ISSUE_TEMPLATE/incident.yml"],
      ["github/ISSUE_TEMPLATE/security-report.yml", ".github/ISSUE_TEMPLATE/security-report.yml"],
      ["gitlab/issue_templates/Incident.md", ".gitlab/issue_templates/Incident.md"],
      ["gitlab/issue_templates/Security report.md", ".gitlab/issue_templates/Security report.md"],
    ],
    config: GITHUB_CONFIG_FILE,
  },
  gitlab: {
    templates: [
      ["gitlab/issue_templates/Incident.md", ".gitlab/issue_templates/Incident.md"],
      ["gitlab/issue_templates/Security report.md", ".gitlab/issue_templates/Security report.md"],
    ],
    config: GITLAB_CONFIG_FILE,
  },
};

/**
 * `sevbot init <owner/repo> [--gitlab URL] [--token T] [--api URL] [--config F] [--write DIR]`:
 * reconciles the labels (running it twice changes nothing) and, with --write, puts the issue
 * templates and a starter config into a checkout.
 */
export async function runInit(
  args: string[],
  env: Record<string, string | undefined>,
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const flags = parseFlags(args);
  const repo = flags._;
  const platform = platformOf(flags);
  if (!isRepoName(repo, platform)) {
    out(USAGE);
    return 2;
  }
  const loaded = flags.config
    ? parseConfigText(readFileSync(flags.config, "utf8"), flags.config)
    : { config: defaultConfig() };
  if (loaded.error) err(`${loaded.error}\n`);
  const { config } = loaded;
  const remote = remoteFromFlags(flags, env);
  const existing = await remote.listLabels(repo);
  const plan = planLabels(existing, desiredLabels(config));
  for (const label of plan.create) await remote.createLabel(repo, label);
  for (const label of plan.update) await remote.updateLabel(repo, label);
  out(
    `${repo}: ${plan.create.length} label(s) created, ${plan.update.length} updated, ${existing.length - plan.update.length} left as they were.${describe(plan.create, "created")}${describe(plan.update, "updated")}`,
  );
  if (flags.write) writeStarterFiles(flags.write, platform, out);
  return 0;
}

function describe(labels: LabelSpec[], verb: string): string {
  return labels.length === 0 ? "" : `\n  ${verb}: ${labels.map((label) => label.name).join(", ")}`;
}

function writeStarterFiles(dir: string, platform: Platform, out: (line: string) => void): void {
  const { templates, config } = STARTER_FILES[platform];
  for (const [from, to] of templates) {
    const target = join(dir, to);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(TEMPLATES, from), target);
    out(`wrote ${to}`);
  }
  const configPath = join(dir, config);
  if (!existsSync(configPath)) {
    mkdirSync(dirname(configPath), { recursive: true });
    writeFileSync(
      configPath,
      '# sevbot configuration: every setting is optional. Reference: schema/sevbot.schema.json\noncall: []\ncomponents:\n  owners: {}\n  fallbackOwners: []\ntracker:\n  repository: ""\n',
    );
    out(`wrote ${config}`);
  }
}
