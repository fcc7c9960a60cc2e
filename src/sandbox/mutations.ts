import { commentJson, issueJson, labelJson, repoJson, userJson } from "./payloads.js";
import { labelFor, type SandboxComment, type SandboxIssue, type SandboxRepo, type SandboxStore, type SandboxUser } from "./store.js";
import type { WebhookSender } from "./webhooks.js";

export const INSTALLATION = { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };

/**
 * Every change to issues, labels and comments goes through here — from the REST API or from a
 * scripted person — and produces the webhook GitHub would send for it.
 */
export function createMutations(store: SandboxStore, hooks: WebhookSender, base: () => string) {
  const commentsOf = (repo: SandboxRepo, number: number) => repo.comments.filter((comment) => comment.issueNumber === number).length;
  const issueEvent = (repo: SandboxRepo, issue: SandboxIssue, actor: SandboxUser, action: string, extra: Record<string, unknown> = {}) =>
    hooks.enqueue("issues", { action, issue: issueJson(issue, repo, base(), commentsOf(repo, issue.number)), ...extra, repository: repoJson(repo, base()), sender: userJson(actor, base()), installation: INSTALLATION });
  const touch = (issue: SandboxIssue) => (issue.updated_at = store.now());

  function addLabels(repo: SandboxRepo, issue: SandboxIssue, actor: SandboxUser, names: string[]): void {
    for (const name of names) {
      if (issue.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) continue;
      const label = labelFor(store, repo, name);
      issue.labels.push(label);
      touch(issue);
      issueEvent(repo, issue, actor, "labeled", { label: labelJson(label, repo, base()) });
    }
  }

  return {
    openIssue(repo: SandboxRepo, actor: SandboxUser, fields: { title: string; body?: string | null; labels?: string[]; assignees?: string[] }): SandboxIssue {
      const number = repo.issues.size + 1;
      const now = store.now();
      const issue: SandboxIssue = { id: store.nextId(), number, title: fields.title, body: fields.body ?? null, state: "open", state_reason: null, labels: [], assignees: [], user: actor, created_at: now, updated_at: now, closed_at: null };
      issue.labels = (fields.labels ?? []).map((name) => labelFor(store, repo, name));
      issue.assignees = (fields.assignees ?? []).filter((login) => repo.collaborators.has(login)).map((login) => store.users.get(login) ?? { login, id: store.nextId(), type: "User" as const });
      repo.issues.set(number, issue);
      issueEvent(repo, issue, actor, "opened");
      return issue;
    },
    editIssue(repo: SandboxRepo, issue: SandboxIssue, actor: SandboxUser, patch: { title?: string; body?: string | null; state?: "open" | "closed"; state_reason?: string | null }): void {
      const changes: Record<string, { from: unknown }> = {};
      if (patch.title !== undefined && patch.title !== issue.title) changes.title = { from: issue.title };
      if (patch.body !== undefined && patch.body !== issue.body) changes.body = { from: issue.body };
      if (patch.title !== undefined) issue.title = patch.title;
      if (patch.body !== undefined) issue.body = patch.body;
      if (Object.keys(changes).length > 0) {
        touch(issue);
        issueEvent(repo, issue, actor, "edited", { changes });
      }
      if (patch.state && patch.state !== issue.state) {
        issue.state = patch.state;
        issue.closed_at = patch.state === "closed" ? store.now() : null;
        issue.state_reason = patch.state === "closed" ? (patch.state_reason ?? "completed") : "reopened";
        touch(issue);
        issueEvent(repo, issue, actor, patch.state === "closed" ? "closed" : "reopened");
      }
    },
    addLabels,
    removeLabel(repo: SandboxRepo, issue: SandboxIssue, actor: SandboxUser, name: string): boolean {
      const index = issue.labels.findIndex((label) => label.name.toLowerCase() === name.toLowerCase());
      if (index === -1) return false;
      const [label] = issue.labels.splice(index, 1);
      touch(issue);
      issueEvent(repo, issue, actor, "unlabeled", { label: labelJson(label!, repo, base()) });
      return true;
    },
    addAssignees(repo: SandboxRepo, issue: SandboxIssue, actor: SandboxUser, logins: string[]): void {
      for (const login of logins) {
        if (!repo.collaborators.has(login) || issue.assignees.some((user) => user.login === login)) continue;
        const user = store.users.get(login) ?? { login, id: store.nextId(), type: "User" as const };
        issue.assignees.push(user);
        issueEvent(repo, issue, actor, "assigned", { assignee: userJson(user, base()) });
      }
    },
    createComment(repo: SandboxRepo, issue: SandboxIssue, actor: SandboxUser, body: string): SandboxComment {
      const now = store.now();
      const comment: SandboxComment = { id: store.nextId(), issueNumber: issue.number, body, user: actor, created_at: now, updated_at: now };
      repo.comments.push(comment);
      touch(issue);
      hooks.enqueue("issue_comment", { action: "created", issue: issueJson(issue, repo, base(), commentsOf(repo, issue.number)), comment: commentJson(comment, repo, base()), repository: repoJson(repo, base()), sender: userJson(actor, base()), installation: INSTALLATION });
      return comment;
    },
    editComment(repo: SandboxRepo, comment: SandboxComment, actor: SandboxUser, body: string): void {
      const from = comment.body;
      comment.body = body;
      comment.updated_at = store.now();
      const issue = repo.issues.get(comment.issueNumber)!;
      hooks.enqueue("issue_comment", { action: "edited", changes: { body: { from } }, issue: issueJson(issue, repo, base(), commentsOf(repo, issue.number)), comment: commentJson(comment, repo, base()), repository: repoJson(repo, base()), sender: userJson(actor, base()), installation: INSTALLATION });
    },
  };
}

export type Mutations = ReturnType<typeof createMutations>;
