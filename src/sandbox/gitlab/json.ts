import type { Permission } from "../../core/model.js";
import {
  commentCount,
  type SandboxComment,
  type SandboxIssue,
  type SandboxLabel,
  type SandboxRepo,
  type SandboxUser,
} from "../store.js";

/** GitLab REST (v4) JSON for the sandbox's objects, after GitLab's API entities. */
export function userJson(user: SandboxUser, base: string) {
  return {
    id: user.id,
    username: user.login,
    name: user.login,
    state: "active",
    locked: false,
    avatar_url: null,
    web_url: `${base}/${user.login}`,
    bot: user.type === "Bot",
  };
}

export function projectUrl(repo: SandboxRepo, base: string): string {
  return `${base}/${repo.fullName}`;
}

export function issueUrl(repo: SandboxRepo, number: number, base: string): string {
  return `${projectUrl(repo, base)}/-/issues/${number}`;
}

export function projectJson(repo: SandboxRepo, base: string) {
  return {
    id: repo.id,
    description: null,
    name: repo.name,
    name_with_namespace: `${repo.owner} / ${repo.name}`,
    path: repo.name,
    path_with_namespace: repo.fullName,
    namespace: {
      id: repo.id + 1,
      name: repo.owner,
      path: repo.owner,
      kind: "group",
      full_path: repo.owner,
    },
    visibility: repo.private ? "private" : "public",
    default_branch: "main",
    issues_enabled: true,
    web_url: projectUrl(repo, base),
    http_url_to_repo: `${projectUrl(repo, base)}.git`,
  };
}

/** GitLab shows colours with `#`; the store keeps GitHub's bare hex. */
export function labelColor(label: SandboxLabel): string {
  return `#${label.color}`;
}

export function labelJson(label: SandboxLabel, repo: SandboxRepo) {
  const using = (state: "open" | "closed") =>
    [...repo.issues.values()].filter(
      (issue) => issue.state === state && issue.labels.includes(label),
    ).length;
  return {
    id: label.id,
    name: label.name,
    color: labelColor(label),
    text_color: "#FFFFFF",
    description: label.description,
    description_html: label.description ?? "",
    open_issues_count: using("open"),
    closed_issues_count: using("closed"),
    open_merge_requests_count: 0,
    subscribed: false,
    priority: null,
    is_project_label: true,
  };
}

export function issueJson(issue: SandboxIssue, repo: SandboxRepo, base: string) {
  const person = (user: SandboxUser) => ({
    id: user.id,
    username: user.login,
    name: user.login,
    state: "active",
    avatar_url: null,
    web_url: `${base}/${user.login}`,
  });
  return {
    id: issue.id,
    iid: issue.number,
    project_id: repo.id,
    title: issue.title,
    description: issue.body,
    state: issue.state === "open" ? "opened" : "closed",
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    labels: issue.labels.map((label) => label.name),
    assignees: issue.assignees.map(person),
    assignee: issue.assignees[0] ? person(issue.assignees[0]) : null,
    author: person(issue.user),
    type: "ISSUE",
    issue_type: "issue",
    confidential: issue.confidential,
    discussion_locked: null,
    user_notes_count: commentCount(repo, issue.number),
    web_url: issueUrl(repo, issue.number, base),
    references: {
      short: `#${issue.number}`,
      relative: `#${issue.number}`,
      full: `${repo.fullName}#${issue.number}`,
    },
  };
}

export function noteJson(comment: SandboxComment, repo: SandboxRepo, base: string) {
  return {
    id: comment.id,
    type: null,
    body: comment.body,
    author: {
      id: comment.user.id,
      username: comment.user.login,
      name: comment.user.login,
      state: "active",
      avatar_url: null,
      web_url: `${base}/${comment.user.login}`,
      bot: comment.user.type === "Bot",
    },
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    system: false,
    noteable_id: repo.issues.get(comment.issueNumber)?.id ?? 0,
    noteable_type: "Issue",
    noteable_iid: comment.issueNumber,
    project_id: repo.id,
    resolvable: false,
    confidential: false,
    internal: false,
  };
}

/** The sandbox's collaborator permissions as GitLab access levels. */
export const ACCESS_LEVELS: Record<Exclude<Permission, "none">, number> = {
  admin: 50,
  maintain: 40,
  write: 30,
  triage: 20,
  read: 10,
};

export function memberJson(
  user: SandboxUser,
  permission: Exclude<Permission, "none">,
  base: string,
) {
  return {
    id: user.id,
    username: user.login,
    name: user.login,
    state: "active",
    avatar_url: null,
    web_url: `${base}/${user.login}`,
    access_level: ACCESS_LEVELS[permission],
    created_at: "2024-01-01T00:00:00Z",
    expires_at: null,
    membership_state: "active",
  };
}
