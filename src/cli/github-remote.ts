import { Octokit } from "@octokit/rest";
import { ProbotOctokit } from "probot";
import { loadGithubConfig } from "../adapters/github/config-source.js";
import { createGithubForge, type GithubOctokit } from "../adapters/github/forge.js";
import { createConfigCache } from "../app/config-cache.js";
import { toIssueSnapshot, type GithubIssue } from "../adapters/github/snapshots.js";
import { restActor } from "../scenario/actor.js";
import type { Remote } from "./remote.js";

function split(repo: string) {
  const [owner = "", name = ""] = repo.split("/");
  return { owner, repo: name };
}

const QUIET = { debug() {}, info() {}, warn: console.warn, error() {} };

/** A GitHub repository through the REST API with a personal token (or the GitHub sandbox). */
export function connectGithub({ api, token }: { api: string; token?: string | undefined }): Remote {
  // Failed requests become one line from the CLI (remote-errors.ts), not Octokit's log lines.
  const octokit = new Octokit({ auth: token, baseUrl: api, log: QUIET });
  return {
    platform: "github",
    // Probot's client carries the config loader the server uses; no retries: a CLI answers at once.
    readConfig: (repo) =>
      loadGithubConfig(
        new ProbotOctokit({
          ...(token ? { auth: { token } } : {}),
          baseUrl: api,
          log: QUIET,
          throttle: { enabled: false },
          retry: { enabled: false },
        }) as GithubOctokit,
        repo,
        createConfigCache(0),
        0,
      ),
    // The forge only calls `request`, which a plain Octokit has like Probot's.
    forge: createGithubForge(octokit as unknown as GithubOctokit),
    async listIssues(repo, label, since) {
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
        ...split(repo),
        labels: label,
        state: "all",
        since,
        per_page: 100,
      });
      return (issues as GithubIssue[]).map((issue) => toIssueSnapshot(issue, repo, false));
    },
    async listLabels(repo) {
      const labels = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, {
        ...split(repo),
        per_page: 100,
      });
      return labels.map((label) => ({
        name: label.name,
        color: label.color.toLowerCase(),
        description: label.description ?? "",
      }));
    },
    async createLabel(repo, label) {
      await octokit.rest.issues.createLabel({ ...split(repo), ...label });
    },
    async updateLabel(repo, label) {
      await octokit.rest.issues.updateLabel({ ...split(repo), ...label });
    },
    actor: restActor(octokit),
  };
}
