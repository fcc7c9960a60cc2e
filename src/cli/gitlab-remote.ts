import { createGitlabClient } from "../adapters/gitlab/client.js";
import { loadGitlabConfig } from "../adapters/gitlab/config-source.js";
import { createGitlabForge } from "../adapters/gitlab/forge.js";
import { createConfigCache } from "../app/config-cache.js";
import { toIssueSnapshot, type GitlabIssue } from "../adapters/gitlab/snapshots.js";
import { gitlabActor } from "../scenario/actor.js";
import type { Remote } from "./remote.js";

/**
 * A GitLab project through Gitbeaker with an access token (or the GitLab sandbox). GitLab
 * writes label colours `#rrggbb`; sevbot's label catalogue keeps GitHub's bare hex.
 */
export function connectGitlab({ url, token }: { url: string; token: string }): Remote {
  const api = createGitlabClient({ host: url, token });
  // Only getIssue and readFile are used, which read no notes: whose notes are sevbot's does not matter here.
  const forge = createGitlabForge(api, { botUsername: "", userIds: new Map() });
  return {
    platform: "gitlab",
    forge,
    readConfig: (project) => loadGitlabConfig(forge, project, createConfigCache(0), 0),
    async listIssues(project, label, since) {
      // No `state`: GitLab then lists opened and closed issues alike.
      const issues = (await api.Issues.all({
        projectId: project,
        labels: label,
        updatedAfter: since,
        perPage: 100,
      })) as GitlabIssue[];
      return issues.map((issue) => toIssueSnapshot(issue, project, false));
    },
    async listLabels(project) {
      const labels = await api.ProjectLabels.all(project, { perPage: 100 });
      return labels.map((label) => ({
        name: label.name,
        color: label.color.replace(/^#/, "").toLowerCase(),
        description: label.description ?? "",
      }));
    },
    async createLabel(project, label) {
      await api.ProjectLabels.create(project, label.name, `#${label.color}`, {
        description: label.description,
      });
    },
    async updateLabel(project, label) {
      await api.ProjectLabels.edit(project, label.name, {
        color: `#${label.color}`,
        description: label.description,
      });
    },
    actor: gitlabActor(api),
  };
}
