import type { ChangeSink, IssueFieldChanges } from "./changes.js";
import {
  labelFor,
  type SandboxComment,
  type SandboxIssue,
  type SandboxRepo,
  type SandboxStore,
  type SandboxUser,
} from "./store.js";

export interface IssueUpdate {
  title?: string;
  body?: string | null;
  confidential?: boolean;
  /** The complete new set of label names. */
  labels?: string[];
  /** The complete new set of assignee logins (non-collaborators are ignored). */
  assignees?: string[];
  state?: "open" | "closed";
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Every change to issues, labels and comments goes through here — from either REST face or from
 * a scripted person — and is published as a platform-neutral change for the webhook formatter.
 */
export function createMutations(store: SandboxStore, sink: ChangeSink) {
  const touch = (issue: SandboxIssue) => (issue.updated_at = store.now());
  const collaborator = (repo: SandboxRepo, login: string) =>
    repo.collaborators.has(login)
      ? (store.users.get(login) ?? { login, id: store.nextId(), type: "User" as const })
      : undefined;

  function setFields(
    repo: SandboxRepo,
    issue: SandboxIssue,
    actor: SandboxUser,
    patch: IssueUpdate,
  ): void {
    const changes: IssueFieldChanges = {};
    if (patch.title !== undefined && patch.title !== issue.title)
      changes.title = { from: issue.title };
    if (patch.body !== undefined && patch.body !== issue.body) changes.body = { from: issue.body };
    if (patch.confidential !== undefined && patch.confidential !== issue.confidential)
      changes.confidential = { from: issue.confidential };
    if (patch.title !== undefined) issue.title = patch.title;
    if (patch.body !== undefined) issue.body = patch.body;
    if (patch.confidential !== undefined) issue.confidential = patch.confidential;
    if (Object.keys(changes).length === 0) return;
    touch(issue);
    sink.publish({ kind: "issue-edited", repo, issue, actor, changes });
  }

  function setState(
    repo: SandboxRepo,
    issue: SandboxIssue,
    actor: SandboxUser,
    state: "open" | "closed" | undefined,
    reason?: string | null,
  ): void {
    if (!state || state === issue.state) return;
    issue.state = state;
    issue.closed_at = state === "closed" ? store.now() : null;
    issue.state_reason = state === "closed" ? (reason ?? "completed") : "reopened";
    touch(issue);
    sink.publish({
      kind: state === "closed" ? "issue-closed" : "issue-reopened",
      repo,
      issue,
      actor,
    });
  }

  function setLabels(
    repo: SandboxRepo,
    issue: SandboxIssue,
    actor: SandboxUser,
    names: string[],
  ): void {
    const previous = [...issue.labels];
    const kept = previous.filter((label) => names.some((name) => sameName(name, label.name)));
    const added = names.filter(
      (name, index) =>
        !kept.some((label) => sameName(label.name, name)) &&
        names.findIndex((other) => sameName(other, name)) === index,
    );
    const current = [...kept, ...added.map((name) => labelFor(store, repo, name))];
    if (current.length === previous.length && added.length === 0) return;
    issue.labels = current;
    touch(issue);
    sink.publish({ kind: "labels-changed", repo, issue, actor, previous, current: [...current] });
  }

  function setAssignees(
    repo: SandboxRepo,
    issue: SandboxIssue,
    actor: SandboxUser,
    logins: string[],
    touchIssue: boolean,
  ): void {
    const previous = [...issue.assignees];
    const current = logins
      .flatMap(
        (login) =>
          issue.assignees.find((user) => user.login === login) ?? collaborator(repo, login) ?? [],
      )
      .filter((user, index, all) => all.indexOf(user) === index);
    if (
      current.length === previous.length &&
      current.every((user, index) => user === previous[index])
    )
      return;
    issue.assignees = current;
    if (touchIssue) touch(issue);
    sink.publish({ kind: "assigned", repo, issue, actor, previous, current: [...current] });
  }

  return {
    openIssue(
      repo: SandboxRepo,
      actor: SandboxUser,
      fields: {
        title: string;
        body?: string | null;
        labels?: string[];
        assignees?: string[];
        confidential?: boolean;
      },
    ): SandboxIssue {
      const number = repo.issues.size + 1;
      const now = store.now();
      const id = store.nextId();
      const labels = (fields.labels ?? [])
        .map((name) => labelFor(store, repo, name))
        .filter((label, index, all) => all.indexOf(label) === index);
      const assignees = (fields.assignees ?? []).flatMap(
        (login) => collaborator(repo, login) ?? [],
      );
      const issue: SandboxIssue = {
        id,
        number,
        title: fields.title,
        body: fields.body ?? null,
        state: "open",
        state_reason: null,
        labels,
        assignees,
        user: actor,
        created_at: now,
        updated_at: now,
        closed_at: null,
        confidential: fields.confidential ?? false,
        links: [],
      };
      repo.issues.set(number, issue);
      sink.publish({ kind: "issue-opened", repo, issue, actor });
      sink.flush();
      return issue;
    },
    /** GitHub's PATCH: title and body as one `edited`, then the state change. */
    editIssue(
      repo: SandboxRepo,
      issue: SandboxIssue,
      actor: SandboxUser,
      patch: {
        title?: string;
        body?: string | null;
        state?: "open" | "closed";
        state_reason?: string | null;
      },
    ): void {
      setFields(repo, issue, actor, patch);
      sink.flush();
      setState(repo, issue, actor, patch.state, patch.state_reason);
      sink.flush();
    },
    /** GitLab's PUT: fields, labels and assignees as one update, then the state change. */
    updateIssue(
      repo: SandboxRepo,
      issue: SandboxIssue,
      actor: SandboxUser,
      patch: IssueUpdate,
    ): void {
      setFields(repo, issue, actor, patch);
      if (patch.labels) setLabels(repo, issue, actor, patch.labels);
      if (patch.assignees) setAssignees(repo, issue, actor, patch.assignees, true);
      sink.flush();
      setState(repo, issue, actor, patch.state);
      sink.flush();
    },
    addLabels(repo: SandboxRepo, issue: SandboxIssue, actor: SandboxUser, names: string[]): void {
      setLabels(repo, issue, actor, [...issue.labels.map((label) => label.name), ...names]);
      sink.flush();
    },
    removeLabel(repo: SandboxRepo, issue: SandboxIssue, actor: SandboxUser, name: string): boolean {
      if (!issue.labels.some((label) => sameName(label.name, name))) return false;
      setLabels(
        repo,
        issue,
        actor,
        issue.labels.map((label) => label.name).filter((other) => !sameName(other, name)),
      );
      sink.flush();
      return true;
    },
    addAssignees(
      repo: SandboxRepo,
      issue: SandboxIssue,
      actor: SandboxUser,
      logins: string[],
    ): void {
      setAssignees(
        repo,
        issue,
        actor,
        [...issue.assignees.map((user) => user.login), ...logins],
        false,
      );
      sink.flush();
    },
    createComment(
      repo: SandboxRepo,
      issue: SandboxIssue,
      actor: SandboxUser,
      body: string,
    ): SandboxComment {
      const now = store.now();
      const comment: SandboxComment = {
        id: store.nextId(),
        issueNumber: issue.number,
        body,
        user: actor,
        created_at: now,
        updated_at: now,
      };
      repo.comments.push(comment);
      touch(issue);
      sink.publish({ kind: "note-created", repo, issue, actor, comment });
      sink.flush();
      return comment;
    },
    editComment(
      repo: SandboxRepo,
      comment: SandboxComment,
      actor: SandboxUser,
      body: string,
    ): void {
      const from = comment.body;
      comment.body = body;
      comment.updated_at = store.now();
      sink.publish({
        kind: "note-edited",
        repo,
        issue: repo.issues.get(comment.issueNumber)!,
        actor,
        comment,
        from,
      });
      sink.flush();
    },
  };
}

export type Mutations = ReturnType<typeof createMutations>;
