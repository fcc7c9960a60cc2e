import type { Octokit } from "@octokit/rest";
import type { GitlabApi } from "../adapters/gitlab/client.js";

/** What a scenario needs from a forge to act as people: the sandbox, or a real repository. */
export interface ScenarioActor {
  openIssue(
    repo: string,
    fields: { as: string; title: string; body?: string; labels?: string[] },
  ): Promise<number>;
  addLabels(repo: string, number: number, labels: string[], who: { as: string }): Promise<void>;
  removeLabel(repo: string, number: number, label: string, who: { as: string }): Promise<void>;
  comment(repo: string, number: number, body: string, who: { as: string }): Promise<number>;
  closeIssue(repo: string, number: number, who: { as: string }): Promise<void>;
  reopenIssue(repo: string, number: number, who: { as: string }): Promise<void>;
}

/**
 * A forge has no way to act as someone else: every step is taken by the token's user, so the
 * scenario's `as` names are written into the text instead.
 */
export function drillIssueBody(who: { as: string }, text = ""): string {
  return `_(drill: ${who.as})_\n\n${text}`;
}

/** Commands must start the line, so the speaker goes after them. */
export function drillComment(who: { as: string }, text: string): string {
  return `${text}\n\n_(drill: ${who.as})_`;
}

function split(repo: string) {
  const [owner = "", name = ""] = repo.split("/");
  return { owner, repo: name };
}

/** A real GitHub repository through the REST API, as the token's user. */
export function restActor(octokit: Octokit): ScenarioActor {
  return {
    async openIssue(repo, fields) {
      const { data } = await octokit.rest.issues.create({
        ...split(repo),
        title: fields.title,
        body: drillIssueBody(fields, fields.body),
        labels: fields.labels ?? [],
      });
      return data.number;
    },
    async addLabels(repo, number, labels) {
      await octokit.rest.issues.addLabels({ ...split(repo), issue_number: number, labels });
    },
    async removeLabel(repo, number, label) {
      await octokit.rest.issues.removeLabel({ ...split(repo), issue_number: number, name: label });
    },
    async comment(repo, number, body, who) {
      const { data } = await octokit.rest.issues.createComment({
        ...split(repo),
        issue_number: number,
        body: drillComment(who, body),
      });
      return data.id;
    },
    async closeIssue(repo, number) {
      await octokit.rest.issues.update({ ...split(repo), issue_number: number, state: "closed" });
    },
    async reopenIssue(repo, number) {
      await octokit.rest.issues.update({ ...split(repo), issue_number: number, state: "open" });
    },
  };
}

/**
 * A real GitLab project through Gitbeaker, as the token's user. Issues are numbered by `iid`,
 * labels go comma-separated, state changes are `state_event`.
 */
export function gitlabActor(api: GitlabApi): ScenarioActor {
  return {
    async openIssue(project, fields) {
      const created = await api.Issues.create(project, fields.title, {
        description: drillIssueBody(fields, fields.body),
        ...(fields.labels?.length ? { labels: fields.labels.join(",") } : {}),
      });
      return created.iid;
    },
    async addLabels(project, iid, labels) {
      await api.Issues.edit(project, iid, { addLabels: labels.join(",") });
    },
    async removeLabel(project, iid, label) {
      await api.Issues.edit(project, iid, { removeLabels: label });
    },
    async comment(project, iid, body, who) {
      // A note that was only GitLab quick actions is not stored: GitLab answers without an id.
      const note = (await api.IssueNotes.create(project, iid, drillComment(who, body))) as {
        id?: number;
      };
      return note.id ?? 0;
    },
    async closeIssue(project, iid) {
      await api.Issues.edit(project, iid, { stateEvent: "close" });
    },
    async reopenIssue(project, iid) {
      await api.Issues.edit(project, iid, { stateEvent: "reopen" });
    },
  };
}
