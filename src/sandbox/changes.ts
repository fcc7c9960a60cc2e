import type {
  SandboxComment,
  SandboxIssue,
  SandboxLabel,
  SandboxRepo,
  SandboxUser,
} from "./store.js";

/**
 * What happened to the store, in no platform's words. Mutations publish these; each platform's
 * formatter turns them into the webhooks that platform would send.
 */
interface ChangeBase {
  repo: SandboxRepo;
  issue: SandboxIssue;
  actor: SandboxUser;
}

export interface IssueFieldChanges {
  title?: { from: string };
  body?: { from: string | null };
  confidential?: { from: boolean };
}

export type SandboxChange =
  | (ChangeBase & { kind: "issue-opened" })
  | (ChangeBase & { kind: "issue-edited"; changes: IssueFieldChanges })
  | (ChangeBase & { kind: "issue-closed" })
  | (ChangeBase & { kind: "issue-reopened" })
  | (ChangeBase & { kind: "labels-changed"; previous: SandboxLabel[]; current: SandboxLabel[] })
  | (ChangeBase & { kind: "assigned"; previous: SandboxUser[]; current: SandboxUser[] })
  | (ChangeBase & { kind: "note-created"; comment: SandboxComment })
  | (ChangeBase & { kind: "note-edited"; comment: SandboxComment; from: string });

/**
 * Receives changes as they happen (the issue is in its post-change state when `publish` runs).
 * `flush` ends one logical update: a formatter that groups changes (GitLab sends one `update`
 * for a PUT that edits the title and the labels) sends the group then.
 */
export interface ChangeSink {
  publish(change: SandboxChange): void;
  flush(): void;
}
