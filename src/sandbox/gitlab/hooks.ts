import { randomUUID } from "node:crypto";
import type { ChangeSink, SandboxChange } from "../changes.js";
import type { SandboxIssue, SandboxRepo, SandboxUser } from "../store.js";
import type { DeliveryStyle, WebhookSender } from "../webhooks.js";
import { hookLabel, issueHook, noteHook } from "./hook-payloads.js";

export const GITLAB_USER_AGENT = "GitLab/17.0.0-sandbox";

/**
 * GitLab sends the secret token as is. `Idempotency-Key` identifies the delivery (a retry or a
 * duplicate repeats it); `X-Gitlab-Webhook-UUID` is new on every request.
 */
export function gitlabDeliveryStyle(secret: string, base: () => string): DeliveryStyle {
  return {
    headers: ({ id, event }) => ({
      "content-type": "application/json",
      "user-agent": GITLAB_USER_AGENT,
      "x-gitlab-event": event,
      "x-gitlab-token": secret,
      "x-gitlab-instance": base(),
      "x-gitlab-event-uuid": randomUUID(),
      "idempotency-key": id,
    }),
    perRequest: () => ({ "x-gitlab-webhook-uuid": randomUUID() }),
  };
}

interface PendingUpdate {
  repo: SandboxRepo;
  issue: SandboxIssue;
  actor: SandboxUser;
  changes: Record<string, { previous: unknown; current: unknown }>;
}

/**
 * GitLab's webhooks for neutral changes. Field, label and assignee changes made by one request
 * are ONE `update` with `changes.labels.previous/current` (GitLab runs one update service per
 * request); opening, closing, reopening and notes are hooks of their own.
 */
export function createGitlabFormatter(hooks: WebhookSender, base: () => string): ChangeSink {
  let pending: PendingUpdate | undefined;
  const issueEvent = (issue: SandboxIssue) =>
    issue.confidential ? "Confidential Issue Hook" : "Issue Hook";
  const noteEvent = (issue: SandboxIssue) =>
    issue.confidential ? "Confidential Note Hook" : "Note Hook";

  function sendIssue(
    change: { repo: SandboxRepo; issue: SandboxIssue; actor: SandboxUser },
    action: string,
    changes: Record<string, unknown>,
  ): void {
    hooks.enqueue(
      issueEvent(change.issue),
      action,
      issueHook(change.issue, change.repo, change.actor, base(), action, changes),
    );
  }

  function flush(): void {
    if (!pending) return;
    const update = pending;
    pending = undefined;
    sendIssue(update, "update", {
      ...update.changes,
      updated_by_id: { previous: null, current: update.actor.id },
    });
  }

  function remember(
    change: SandboxChange,
    field: string,
    previous: unknown,
    current: unknown,
  ): void {
    if (pending && pending.issue !== change.issue) flush();
    pending ??= { repo: change.repo, issue: change.issue, actor: change.actor, changes: {} };
    // A field changed twice in one request keeps its first `previous`.
    pending.changes[field] = { previous: pending.changes[field]?.previous ?? previous, current };
  }

  function publish(change: SandboxChange): void {
    const { repo, issue } = change;
    const labels = (list: typeof issue.labels) =>
      list.map((label) => hookLabel(label, repo, issue.created_at));
    const people = (list: SandboxUser[]) =>
      list.map((user) => ({
        id: user.id,
        name: user.login,
        username: user.login,
        avatar_url: null,
      }));
    switch (change.kind) {
      case "issue-edited": {
        const { title, body, confidential } = change.changes;
        if (title) remember(change, "title", title.from, issue.title);
        if (body) remember(change, "description", body.from, issue.body);
        if (confidential) remember(change, "confidential", confidential.from, issue.confidential);
        return;
      }
      case "labels-changed":
        return remember(change, "labels", labels(change.previous), labels(change.current));
      case "assigned":
        return remember(change, "assignees", people(change.previous), people(change.current));
      case "issue-opened":
        flush();
        return sendIssue(change, "open", {});
      case "issue-closed":
      case "issue-reopened": {
        flush();
        const closed = change.kind === "issue-closed";
        return sendIssue(change, closed ? "close" : "reopen", {
          state_id: { previous: closed ? 1 : 2, current: closed ? 2 : 1 },
          closed_at: { previous: closed ? null : issue.updated_at, current: issue.closed_at },
        });
      }
      case "note-created":
      case "note-edited": {
        flush();
        const action = change.kind === "note-created" ? "create" : "update";
        return hooks.enqueue(
          noteEvent(issue),
          action,
          noteHook(change.comment, issue, repo, change.actor, base(), action),
        );
      }
    }
  }

  return { publish, flush };
}
