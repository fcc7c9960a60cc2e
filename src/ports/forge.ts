import type { CommentSnapshot, IssueSnapshot } from "../core/events.js";
import type { IssueRef, Permission } from "../core/model.js";

export type { Permission };

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  assignees?: string[];
  confidential?: boolean;
  /** The incident's issue: GitLab links the new issue to it; GitHub relies on the link in the body. */
  relatesTo?: IssueRef;
}

export interface IssuePatch {
  title?: string;
  body?: string;
  state?: "open" | "closed";
}

/**
 * The dozen operations an incident needs from an issue tracker (principle 5). Implemented with
 * Octokit for GitHub and Gitbeaker for GitLab; platform quirks stay in the adapters.
 */
export interface Forge {
  getIssue(ref: IssueRef): Promise<IssueSnapshot>;
  listComments(ref: IssueRef): Promise<CommentSnapshot[]>;
  createComment(ref: IssueRef, body: string): Promise<CommentSnapshot>;
  createIssue(repo: string, issue: NewIssue): Promise<IssueSnapshot>;
  updateIssue(ref: IssueRef, patch: IssuePatch): Promise<void>;
  addLabels(ref: IssueRef, labels: string[]): Promise<void>;
  removeLabel(ref: IssueRef, label: string): Promise<void>;
  /**
   * An issue in `repo` carrying `label` whose body contains `marker`: among the newest 100, or,
   * with `createdSince`, among every issue created since then (a burst of incidents must not
   * push an incident's own log out of sight, or a retry would open it twice).
   */
  findIssueByMarker(
    repo: string,
    label: string,
    marker: string,
    createdSince?: string,
  ): Promise<IssueSnapshot | undefined>;
  /** Open issues in `repo` carrying `label` (the scheduler's view of open incidents). */
  listOpenIssues(repo: string, label: string): Promise<IssueSnapshot[]>;
  /**
   * The newest 100 issues in `repo` carrying `label`, open and closed, in one request (the
   * similar-incident search reads the log issues' hidden states through it).
   */
  listRecentIssues(repo: string, label: string): Promise<IssueSnapshot[]>;
  /** Raw text of a repository file on the default branch, or undefined when there is none. */
  readFile(repo: string, path: string): Promise<string | undefined>;
  /** `userId` when the platform gave one (GitLab looks members up by id). */
  permission(repo: string, user: string, userId?: number): Promise<Permission>;
}
