import { Octokit } from "@octokit/rest";
import { createGithubForge, type GithubOctokit } from "../adapters/github/forge.js";
import { toIssueSnapshot, type GithubIssue } from "../adapters/github/snapshots.js";
import { restActor } from "../scenario/actor.js";
import type { Remote } from "./remote.js";

function split(repo: string) {
  const [owner = "", name = ""] = repo.split("/");
  return { owner, repo: name };
}

/** A GitHub repository through the REST API with a personal token (or the GitHub sandbox). */
export function connectGithub({ api, token }: { api: string; token?: string | undefined }): Remote {
  const octokit = new Octokit({ auth: token, baseUrl: api });
  return {
    platform: "github",
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
