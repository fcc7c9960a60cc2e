import type { Actor, DomainEvent } from "../../core/events.js";
import {
  toCommentSnapshot,
  toIssueSnapshot,
  type GithubComment,
  type GithubIssue,
} from "./snapshots.js";

/** The parts of a GitHub `issues` / `issue_comment` webhook payload sevbot reads. */
export interface GithubIssuePayload {
  action: string;
  issue: GithubIssue;
  comment?: GithubComment;
  label?: { name: string };
  repository: { full_name: string; private: boolean };
  sender: { login: string; type: string };
}

export type Translation =
  { kind: "event"; event: DomainEvent } | { kind: "ignored"; reason: string };

function actorOf(sender: GithubIssuePayload["sender"]): Actor {
  return { login: sender.login, isBot: sender.type === "Bot" || sender.login.endsWith("[bot]") };
}

/** Turns a GitHub webhook into a DomainEvent, or says why sevbot does not care about it. */
export function translateGithubEvent(name: string, payload: GithubIssuePayload): Translation {
  if (payload.issue.pull_request)
    return { kind: "ignored", reason: "pull requests are not incidents" };
  const issue = toIssueSnapshot(
    payload.issue,
    payload.repository.full_name,
    payload.repository.private,
  );
  const actor = actorOf(payload.sender);
  const event = toDomainEvent(`${name}.${payload.action}`, payload, issue, actor);
  return event
    ? { kind: "event", event }
    : { kind: "ignored", reason: `${name}.${payload.action} is not handled` };
}

function toDomainEvent(
  name: string,
  payload: GithubIssuePayload,
  issue: ReturnType<typeof toIssueSnapshot>,
  actor: Actor,
): DomainEvent | undefined {
  switch (name) {
    case "issues.opened":
      return { kind: "issue-opened", issue, actor };
    case "issues.labeled":
      return payload.label
        ? { kind: "issue-labeled", issue, actor, label: payload.label.name }
        : undefined;
    case "issues.unlabeled":
      return payload.label
        ? { kind: "issue-unlabeled", issue, actor, label: payload.label.name }
        : undefined;
    case "issues.closed":
      return { kind: "issue-closed", issue, actor };
    case "issues.reopened":
      return { kind: "issue-reopened", issue, actor };
    case "issue_comment.created":
      return payload.comment
        ? { kind: "comment-created", issue, actor, comment: toCommentSnapshot(payload.comment) }
        : undefined;
    case "issue_comment.edited":
      return payload.comment
        ? { kind: "comment-edited", issue, actor, comment: toCommentSnapshot(payload.comment) }
        : undefined;
    default:
      return undefined;
  }
}
