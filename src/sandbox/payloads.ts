import type {
  SandboxComment,
  SandboxIssue,
  SandboxLabel,
  SandboxRepo,
  SandboxUser,
} from "./store.js";

/** GitHub-shaped JSON for the sandbox's objects (REST responses and webhook payloads alike). */
export function userJson(user: SandboxUser, base: string) {
  return {
    login: user.login,
    id: user.id,
    node_id: `U_${user.id}`,
    type: user.type,
    site_admin: false,
    html_url: `${base}/${user.login}`,
    url: `${base}/api/v3/users/${user.login}`,
  };
}

export function labelJson(label: SandboxLabel, repo: SandboxRepo, base: string) {
  return {
    id: label.id,
    node_id: `LA_${label.id}`,
    url: `${base}/api/v3/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    description: label.description,
    default: false,
  };
}

export function repoJson(repo: SandboxRepo, base: string) {
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: {
      login: repo.owner,
      id: repo.id + 1,
      node_id: `O_${repo.id}`,
      type: "Organization",
      site_admin: false,
    },
    html_url: `${base}/${repo.fullName}`,
    url: `${base}/api/v3/repos/${repo.fullName}`,
    default_branch: "main",
    has_issues: true,
  };
}

export function issueJson(issue: SandboxIssue, repo: SandboxRepo, base: string, comments: number) {
  return {
    id: issue.id,
    node_id: `I_${issue.id}`,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.state_reason,
    locked: false,
    labels: issue.labels.map((label) => labelJson(label, repo, base)),
    assignee: issue.assignees[0] ? userJson(issue.assignees[0], base) : null,
    assignees: issue.assignees.map((user) => userJson(user, base)),
    user: userJson(issue.user, base),
    comments,
    html_url: `${base}/${repo.fullName}/issues/${issue.number}`,
    url: `${base}/api/v3/repos/${repo.fullName}/issues/${issue.number}`,
    repository_url: `${base}/api/v3/repos/${repo.fullName}`,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: "NONE",
  };
}

export function commentJson(comment: SandboxComment, repo: SandboxRepo, base: string) {
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    body: comment.body,
    user: userJson(comment.user, base),
    html_url: `${base}/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${base}/api/v3/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    url: `${base}/api/v3/repos/${repo.fullName}/issues/comments/${comment.id}`,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: "NONE",
  };
}
