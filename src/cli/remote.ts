import type { LoadedConfig } from "../config/load.js";
import type { IssueSnapshot } from "../core/events.js";
import type { LabelSpec } from "../core/labels.js";
import type { Forge } from "../ports/forge.js";
import type { ScenarioActor } from "../scenario/actor.js";

export type Platform = "github" | "gitlab";

/**
 * What `init`, `report` and `drill` need from a real GitHub repository or GitLab project (or the
 * sandbox standing in for one). The Forge port covers single issues; it lists open issues only,
 * and has no labels API, so those few reads and writes are here.
 */
export interface Remote {
  platform: Platform;
  forge: Pick<Forge, "getIssue">;
  /** The repository's sevbot config as the server reads it (`_extends` included on GitHub). */
  readConfig(repo: string): Promise<LoadedConfig>;
  /** Issues carrying `label`, open and closed, updated since `since` (ISO). */
  listIssues(repo: string, label: string, since: string): Promise<IssueSnapshot[]>;
  /** Colours as bare lowercase hex, the way `planLabels` compares them. */
  listLabels(repo: string): Promise<LabelSpec[]>;
  createLabel(repo: string, label: LabelSpec): Promise<void>;
  updateLabel(repo: string, label: LabelSpec): Promise<void>;
  /** Takes a scenario's steps as the token's user. */
  actor: ScenarioActor;
}

/** GitLab projects may sit in nested groups (`group/sub/project`); GitHub has `owner/repo`. */
export function isRepoName(name: string, platform: Platform): boolean {
  return (platform === "gitlab" ? /^[\w.-]+(\/[\w.-]+)+$/ : /^[\w.-]+\/[\w.-]+$/).test(name);
}

/** What is wrong with the repository a verb was given, in one line (before its usage). */
export function repoNameProblem(
  verb: string,
  name: string,
  platform: Platform,
): string | undefined {
  if (isRepoName(name, platform)) return undefined;
  const wanted = platform === "gitlab" ? "group/project" : "owner/repo";
  const what = platform === "gitlab" ? "project" : "repository";
  if (!name) return `sevbot ${verb}: name the ${what}, as ${wanted}.`;
  const hint =
    platform === "github" && name.split("/").length > 2
      ? " (a GitLab project in a subgroup? add --gitlab URL)"
      : "";
  return `sevbot ${verb}: "${name}" is not ${wanted}${hint}.`;
}
