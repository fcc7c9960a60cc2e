import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Octokit } from "@octokit/rest";
import { defaultConfig, parseConfigText } from "../config/load.js";
import { desiredLabels, planLabels, type LabelSpec } from "../core/labels.js";
import { parseFlags } from "./flags.js";

const TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

/**
 * `sevbot init <owner/repo> [--token T] [--api URL] [--config F] [--write DIR]`: reconciles the
 * labels (running it twice changes nothing) and, with --write, puts the issue templates and a
 * starter config into a checkout.
 */
export async function runInit(args: string[], env: Record<string, string | undefined>, out: (line: string) => void = console.log): Promise<number> {
  const flags = parseFlags(args);
  const repo = flags._;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) {
    out("Usage: sevbot init <owner/repo> [--token T] [--api URL] [--config file] [--write DIR]");
    return 2;
  }
  const config = flags.config ? parseConfigText(await import("node:fs").then((fs) => fs.readFileSync(flags.config!, "utf8")), flags.config).config : defaultConfig();
  const octokit = new Octokit({ auth: flags.token ?? env.GITHUB_TOKEN, baseUrl: flags.api ?? env.GITHUB_API_URL ?? "https://api.github.com" });
  const [owner = "", name = ""] = repo.split("/");
  const existing = (await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { owner, repo: name, per_page: 100 })).map((label) => ({ name: label.name, color: label.color, description: label.description ?? "" }));
  const plan = planLabels(existing, desiredLabels(config));
  for (const label of plan.create) await octokit.rest.issues.createLabel({ owner, repo: name, ...label });
  for (const label of plan.update) await octokit.rest.issues.updateLabel({ owner, repo: name, name: label.name, color: label.color, description: label.description });
  out(`${repo}: ${plan.create.length} label(s) created, ${plan.update.length} updated, ${existing.length - plan.update.length} left as they were.${describe(plan.create, "created")}${describe(plan.update, "updated")}`);
  if (flags.write) writeStarterFiles(flags.write, out);
  return 0;
}

function describe(labels: LabelSpec[], verb: string): string {
  return labels.length === 0 ? "" : `\n  ${verb}: ${labels.map((label) => label.name).join(", ")}`;
}

function writeStarterFiles(dir: string, out: (line: string) => void): void {
  const files: Array<[string, string]> = [
    ["github/ISSUE_TEMPLATE/incident.yml", ".github/ISSUE_TEMPLATE/incident.yml"],
    ["github/ISSUE_TEMPLATE/security-report.yml", ".github/ISSUE_TEMPLATE/security-report.yml"],
    ["gitlab/issue_templates/Incident.md", ".gitlab/issue_templates/Incident.md"],
    ["gitlab/issue_templates/Security report.md", ".gitlab/issue_templates/Security report.md"],
  ];
  for (const [from, to] of files) {
    const target = join(dir, to);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(TEMPLATES, from), target);
    out(`wrote ${to}`);
  }
  const configPath = join(dir, ".github/sevbot.yml");
  if (!existsSync(configPath)) {
    mkdirSync(dirname(configPath), { recursive: true });
    writeFileSync(configPath, "# sevbot configuration: every setting is optional. Reference: schema/sevbot.schema.json\noncall: []\ncomponents:\n  owners: {}\n  fallbackOwners: []\ntracker:\n  repository: \"\"\n");
    out("wrote .github/sevbot.yml");
  }
}
