import { SettingsError } from "../config/settings-error.js";
import { readFileSync } from "node:fs";
import { defaultConfig, parseConfigText } from "../config/load.js";
import { desiredLabels, planLabels, type LabelSpec } from "../core/labels.js";
import { platformOf, remoteFromFlags } from "./connect.js";
import { parseFlags } from "./flags.js";
import { repoNameProblem, type Platform } from "./remote.js";
import { githubWebUrl, writeStarterFiles } from "./starter-files.js";

const USAGE =
  "Usage: sevbot init <owner/repo> [--token T] [--api URL] [--config file] [--write DIR]\n       sevbot init <group/project> --gitlab URL [--token T] [--config file] [--write DIR]";

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
  const flags = parseFlags(args, ["token", "api", "gitlab", "config", "write"]);
  const repo = flags._;
  const platform = platformOf(flags);
  const problem = repoNameProblem("init", repo, platform);
  if (problem) {
    err(problem);
    out(USAGE);
    return 2;
  }
  const loaded = flags.config
    ? parseConfigText(readConfigFile(flags.config), flags.config)
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
  if (flags.write) {
    const repositoryUrl = `${webUrl(platform, flags, env)}/${repo}`;
    writeStarterFiles({ dir: flags.write, platform, repositoryUrl }, out);
  }
  return 0;
}

function describe(labels: LabelSpec[], verb: string): string {
  return labels.length === 0 ? "" : `\n  ${verb}: ${labels.map((label) => label.name).join(", ")}`;
}

/** The forge's web address, for links in the templates: the same instance the labels went to. */
function webUrl(
  platform: Platform,
  flags: Record<string, string | undefined>,
  env: Record<string, string | undefined>,
): string {
  if (platform === "github")
    return githubWebUrl(flags.api ?? env.GITHUB_API_URL ?? "https://api.github.com");
  const url = /^https?:\/\//.test(flags.gitlab ?? "") ? flags.gitlab! : env.GITLAB_URL;
  return (url ?? "https://gitlab.com").replace(/\/$/, "");
}

/** `--config` names a file to read; one that cannot be read is said as such, not as an errno. */
function readConfigFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not readable";
    throw new SettingsError(`cannot read --config ${path}: ${why}.`);
  }
}
