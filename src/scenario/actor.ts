import type { Octokit } from "@octokit/rest";

/** What a scenario needs from a forge to act as people: the sandbox, or a real repository. */
export interface ScenarioActor {
  openIssue(repo: string, fields: { as: string; title: string; body?: string; labels?: string[] }): Promise<number>;
  addLabels(repo: string, number: number, labels: string[], who: { as: string }): Promise<void>;
  removeLabel(repo: string, number: number, label: string, who: { as: string }): Promise<void>;
  comment(repo: string, number: number, body: string, who: { as: string }): Promise<number>;
  closeIssue(repo: string, number: number, who: { as: string }): Promise<void>;
  reopenIssue(repo: string, number: number, who: { as: string }): Promise<void>;
}

function split(repo: string) {
  const [owner = "", name = ""] = repo.split("/");
  return { owner, repo: name };
}

/**
 * A real repository through the REST API. Every step is taken by the token's user (a forge has
 * no way to act as someone else), so the scenario's `as` names are written into the text.
 */
export function restActor(octokit: Octokit): ScenarioActor {
  const said = (who: { as: string }, text: string) => `_(drill: ${who.as})_\n\n${text}`;
  return {
    async openIssue(repo, fields) {
      const { data } = await octokit.rest.issues.create({ ...split(repo), title: fields.title, body: said(fields, fields.body ?? ""), labels: fields.labels ?? [] });
      return data.number;
    },
    async addLabels(repo, number, labels) {
      await octokit.rest.issues.addLabels({ ...split(repo), issue_number: number, labels });
    },
    async removeLabel(repo, number, label) {
      await octokit.rest.issues.removeLabel({ ...split(repo), issue_number: number, name: label });
    },
    async comment(repo, number, body, who) {
      // Commands must start the line, so the speaker goes after them.
      const { data } = await octokit.rest.issues.createComment({ ...split(repo), issue_number: number, body: `${body}\n\n_(drill: ${who.as})_` });
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
