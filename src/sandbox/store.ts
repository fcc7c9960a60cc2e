import type { Permission } from "../core/model.js";

/** The sandbox forge's in-memory state, shaped after GitHub's objects. */
export interface SandboxUser {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface SandboxLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
  /** GitLab's label payloads carry timestamps; GitHub's do not. */
  created_at?: string;
}

export interface SandboxIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  labels: SandboxLabel[];
  assignees: SandboxUser[];
  user: SandboxUser;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** GitLab's confidential issues; the GitHub face ignores it. */
  confidential: boolean;
  /** GitLab issue links, kept on both ends (GitLab shows a link from either issue). */
  links: SandboxLink[];
}

export interface SandboxLink {
  id: number;
  repo: string;
  number: number;
  linkType: "relates_to" | "blocks" | "is_blocked_by";
  created_at: string;
}

export interface SandboxComment {
  id: number;
  issueNumber: number;
  body: string;
  user: SandboxUser;
  created_at: string;
  updated_at: string;
}

export interface SandboxRepo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  issues: Map<number, SandboxIssue>;
  comments: SandboxComment[];
  labels: Map<string, SandboxLabel>;
  files: Map<string, string>;
  collaborators: Map<string, Permission>;
}

export interface SandboxStore {
  repos: Map<string, SandboxRepo>;
  users: Map<string, SandboxUser>;
  nextId(): number;
  now(): string;
}

export const BOT: SandboxUser = { login: "sevbot[bot]", id: 9_000_001, type: "Bot" };

/** The user a GitLab project access token acts as. */
export const GITLAB_BOT: SandboxUser = { login: "sevbot-bot", id: 9_000_002, type: "Bot" };

export function createStore(): SandboxStore {
  let id = 1000;
  const users = new Map<string, SandboxUser>([
    [BOT.login, BOT],
    [GITLAB_BOT.login, GITLAB_BOT],
  ]);
  return {
    repos: new Map(),
    users,
    nextId: () => ++id,
    now: () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

export function userFor(store: SandboxStore, login: string): SandboxUser {
  let user = store.users.get(login);
  if (!user) {
    user = { login, id: store.nextId(), type: login.endsWith("[bot]") ? "Bot" : "User" };
    store.users.set(login, user);
  }
  return user;
}

export function labelFor(store: SandboxStore, repo: SandboxRepo, name: string): SandboxLabel {
  const key = name.toLowerCase();
  let label = repo.labels.get(key);
  if (!label) {
    label = {
      id: store.nextId(),
      name,
      color: "ededed",
      description: null,
      created_at: store.now(),
    };
    repo.labels.set(key, label);
  }
  return label;
}

export function userById(store: SandboxStore, id: number): SandboxUser | undefined {
  for (const user of store.users.values()) if (user.id === id) return user;
  return undefined;
}

export function commentCount(repo: SandboxRepo, number: number): number {
  return repo.comments.filter((comment) => comment.issueNumber === number).length;
}
