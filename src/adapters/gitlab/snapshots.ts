import type { CommentSnapshot, IssueSnapshot } from "../../core/events.js";

/** The fields sevbot reads from GitLab's REST issue and note objects. */
export interface GitlabIssue {
  iid: number;
  title: string;
  description?: string | null;
  state: string;
  web_url: string;
  created_at?: string;
  confidential?: boolean;
  author?: { username: string } | null;
  labels?: Array<string | { name?: string; title?: string }>;
}

export interface GitlabNote {
  id: number;
  body?: string | null;
  system?: boolean;
  author?: { username: string; bot?: boolean } | null;
}

function labelNames(labels: GitlabIssue["labels"]): string[] {
  return (labels ?? [])
    .map((label) => (typeof label === "string" ? label : (label.name ?? label.title ?? "")))
    .filter(Boolean);
}

/** `private` projects count as confidential, like private GitHub repositories. */
export function toIssueSnapshot(
  issue: GitlabIssue,
  project: string,
  projectIsPrivate: boolean,
): IssueSnapshot {
  return {
    ref: { platform: "gitlab", repo: project, number: issue.iid },
    title: issue.title,
    body: issue.description ?? "",
    labels: labelNames(issue.labels),
    state: issue.state === "closed" ? "closed" : "open",
    author: issue.author?.username ?? "ghost",
    url: issue.web_url,
    confidential: issue.confidential === true || projectIsPrivate,
    ...(issue.created_at ? { createdAt: issue.created_at } : {}),
  };
}

/** Only notes written by sevbot's own token user are trusted as sevbot's (its markers count). */
export function toCommentSnapshot(note: GitlabNote, botUsername: string): CommentSnapshot {
  const author = note.author?.username ?? "ghost";
  return { id: note.id, body: note.body ?? "", author, byBot: author === botUsername };
}
