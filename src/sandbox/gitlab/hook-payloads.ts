import type {
  SandboxComment,
  SandboxIssue,
  SandboxLabel,
  SandboxRepo,
  SandboxUser,
} from "../store.js";
import { issueUrl, labelColor, projectUrl } from "./json.js";

/**
 * GitLab webhook JSON, field for field after the examples in GitLab's documentation
 * (test/fixtures/gitlab/*.gitlab-docs.json).
 */
export function hookUser(user: SandboxUser) {
  // GitLab redacts e-mail addresses in webhook payloads unless the user made theirs public.
  return {
    id: user.id,
    name: user.login,
    username: user.login,
    avatar_url: null,
    email: "[REDACTED]",
  };
}

export function hookLabel(label: SandboxLabel, repo: SandboxRepo, fallbackTime: string) {
  const at = label.created_at ?? fallbackTime;
  return {
    id: label.id,
    title: label.name,
    color: labelColor(label),
    project_id: repo.id,
    created_at: at,
    updated_at: at,
    template: false,
    description: label.description,
    type: "ProjectLabel",
    group_id: null,
  };
}

export function hookProject(repo: SandboxRepo, base: string) {
  const web = projectUrl(repo, base);
  const host = new URL(base).host;
  return {
    id: repo.id,
    name: repo.name,
    description: null,
    web_url: web,
    avatar_url: null,
    git_ssh_url: `git@${host}:${repo.fullName}.git`,
    git_http_url: `${web}.git`,
    namespace: repo.owner,
    visibility_level: repo.private ? 0 : 20,
    path_with_namespace: repo.fullName,
    default_branch: "main",
    ci_config_path: null,
    homepage: web,
    url: `${web}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    http_url: `${web}.git`,
  };
}

export function hookRepository(repo: SandboxRepo, base: string) {
  return {
    name: repo.name,
    url: `${projectUrl(repo, base)}.git`,
    description: null,
    homepage: projectUrl(repo, base),
  };
}

/** The issue's own fields, shared by `object_attributes` of an Issue Hook and `issue` of a Note Hook. */
export function hookIssue(issue: SandboxIssue, repo: SandboxRepo, base: string) {
  return {
    id: issue.id,
    iid: issue.number,
    title: issue.title,
    description: issue.body,
    assignee_ids: issue.assignees.map((user) => user.id),
    assignee_id: issue.assignees[0]?.id ?? null,
    author_id: issue.user.id,
    project_id: repo.id,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    relative_position: 0,
    milestone_id: null,
    state_id: issue.state === "open" ? 1 : 2,
    state: issue.state === "open" ? "opened" : "closed",
    confidential: issue.confidential,
    discussion_locked: null,
    due_date: null,
    moved_to_id: null,
    duplicated_to_id: null,
    time_estimate: 0,
    total_time_spent: 0,
    time_change: 0,
    human_total_time_spent: null,
    human_time_estimate: null,
    human_time_change: null,
    weight: null,
    health_status: null,
    type: "Issue",
    url: issueUrl(repo, issue.number, base),
    labels: issue.labels.map((label) => hookLabel(label, repo, issue.created_at)),
  };
}

export function issueHook(
  issue: SandboxIssue,
  repo: SandboxRepo,
  actor: SandboxUser,
  base: string,
  action: string,
  changes: Record<string, unknown>,
) {
  return {
    object_kind: "issue",
    event_type: issue.confidential ? "confidential_issue" : "issue",
    user: hookUser(actor),
    project: hookProject(repo, base),
    object_attributes: {
      ...hookIssue(issue, repo, base),
      updated_by_id: actor.id,
      last_edited_at: null,
      last_edited_by_id: null,
      severity: "unknown",
      action,
    },
    repository: hookRepository(repo, base),
    ...(issue.assignees.length > 0
      ? { assignees: issue.assignees.map(hookUser), assignee: hookUser(issue.assignees[0]!) }
      : {}),
    labels: issue.labels.map((label) => hookLabel(label, repo, issue.created_at)),
    changes,
  };
}

export function noteHook(
  comment: SandboxComment,
  issue: SandboxIssue,
  repo: SandboxRepo,
  actor: SandboxUser,
  base: string,
  action: "create" | "update",
) {
  return {
    object_kind: "note",
    event_type: issue.confidential ? "confidential_note" : "note",
    user: hookUser(actor),
    project_id: repo.id,
    project: hookProject(repo, base),
    repository: hookRepository(repo, base),
    object_attributes: {
      id: comment.id,
      note: comment.body,
      noteable_type: "Issue",
      author_id: comment.user.id,
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      project_id: repo.id,
      attachment: null,
      line_code: null,
      commit_id: "",
      noteable_id: issue.id,
      system: false,
      st_diff: null,
      internal: false,
      confidential: false,
      action,
      url: `${issueUrl(repo, issue.number, base)}#note_${comment.id}`,
    },
    issue: { ...hookIssue(issue, repo, base), position: 0, branch_name: null },
  };
}
