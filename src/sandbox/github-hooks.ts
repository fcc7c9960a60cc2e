import { createHmac } from "node:crypto";
import type { ChangeSink, SandboxChange } from "./changes.js";
import { commentJson, issueJson, labelJson, repoJson, userJson } from "./payloads.js";
import { commentCount, type SandboxIssue } from "./store.js";
import type { DeliveryStyle, WebhookSender } from "./webhooks.js";

export const INSTALLATION = { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };

/** GitHub signs each body with the secret; the delivery id is the dedupe key. */
export function githubDeliveryStyle(secret: string): DeliveryStyle {
  return {
    headers: ({ id, event, body }) => ({
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/sandbox",
      "x-github-event": event,
      "x-github-delivery": id,
      "x-github-hook-id": "1",
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    }),
  };
}

/**
 * GitHub's webhooks for neutral changes: one `labeled`/`unlabeled` per label and one `assigned`
 * per assignee, each showing the issue as it was right after that step.
 */
export function createGithubFormatter(hooks: WebhookSender, base: () => string): ChangeSink {
  const common = (change: SandboxChange) => ({
    repository: repoJson(change.repo, base()),
    sender: userJson(change.actor, base()),
    installation: INSTALLATION,
  });
  const issueOf = (change: SandboxChange, issue: SandboxIssue = change.issue) =>
    issueJson(issue, change.repo, base(), commentCount(change.repo, issue.number));
  const issueEvent = (
    change: SandboxChange,
    action: string,
    extra: Record<string, unknown> = {},
    issue?: SandboxIssue,
  ) =>
    hooks.enqueue("issues", action, {
      action,
      issue: issueOf(change, issue),
      ...extra,
      ...common(change),
    });

  function publish(change: SandboxChange): void {
    switch (change.kind) {
      case "issue-opened":
        return issueEvent(change, "opened");
      case "issue-closed":
        return issueEvent(change, "closed");
      case "issue-reopened":
        return issueEvent(change, "reopened");
      case "issue-edited": {
        const { title, body } = change.changes;
        const changes = { ...(title ? { title } : {}), ...(body ? { body } : {}) };
        // Confidentiality is GitLab's; GitHub has nothing to say about it.
        if (Object.keys(changes).length > 0) issueEvent(change, "edited", { changes });
        return;
      }
      case "labels-changed": {
        let labels = change.previous;
        for (const label of change.previous.filter((old) => !change.current.includes(old))) {
          labels = labels.filter((other) => other !== label);
          issueEvent(
            change,
            "unlabeled",
            { label: labelJson(label, change.repo, base()) },
            { ...change.issue, labels },
          );
        }
        for (const label of change.current.filter((next) => !change.previous.includes(next))) {
          labels = [...labels, label];
          issueEvent(
            change,
            "labeled",
            { label: labelJson(label, change.repo, base()) },
            { ...change.issue, labels },
          );
        }
        return;
      }
      case "assigned": {
        let assignees = change.previous.filter((user) => change.current.includes(user));
        for (const user of change.current.filter((next) => !change.previous.includes(next))) {
          assignees = [...assignees, user];
          issueEvent(
            change,
            "assigned",
            { assignee: userJson(user, base()) },
            { ...change.issue, assignees },
          );
        }
        return;
      }
      case "note-created":
        return hooks.enqueue("issue_comment", "created", {
          action: "created",
          issue: issueOf(change),
          comment: commentJson(change.comment, change.repo, base()),
          ...common(change),
        });
      case "note-edited":
        return hooks.enqueue("issue_comment", "edited", {
          action: "edited",
          changes: { body: { from: change.from } },
          issue: issueOf(change),
          comment: commentJson(change.comment, change.repo, base()),
          ...common(change),
        });
    }
  }

  return { publish, flush: () => undefined };
}
