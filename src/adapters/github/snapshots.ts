import type { CommentSnapshot, IssueSnapshot } from "../../core/events.js";

/** The fields sevbot reads from GitHub's issue and comment objects (REST and webhooks alike). */
export interface GithubIssue {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  html_url: string;
  created_at?: string;
  closed_at?: string | null;
  user?: { login: string } | null;
  labels?: Array<string | { name?: string }>;
  pull_request?: unknown;
}

export interface GithubComment {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
  performed_via_github_app?: unknown;
}

export function labelNames(labels: GithubIssue["labels"]): string[] {
  return (labels ?? [])
    .map((label) => (typeof label === "string" ? label : (label.name ?? "")))
    .filter(Boolean);
}

export function toIssueSnapshot(
  issue: GithubIssue,
  repo: string,
  confidential: boolean,
): IssueSnapshot {
  return {
    ref: { platform: "github", repo, number: issue.number },
    title: issue.title,
    body: issue.body ?? "",
    labels: labelNames(issue.labels),
    state: issue.state === "closed" ? "closed" : "open",
    author: issue.user?.login ?? "ghost",
    url: issue.html_url,
    confidential,
    ...(issue.created_at ? { createdAt: issue.created_at } : {}),
    ...(issue.closed_at && issue.state === "closed" ? { closedAt: issue.closed_at } : {}),
  };
}

export function toCommentSnapshot(comment: GithubComment): CommentSnapshot {
  return {
    id: comment.id,
    body: comment.body ?? "",
    author: comment.user?.login ?? "ghost",
    byBot: comment.user?.type === "Bot",
  };
}
