import type { CommentSnapshot, IssueSnapshot } from "../../src/core/events.js";
import type { IssueRef, Permission } from "../../src/core/model.js";
import type { Forge } from "../../src/ports/forge.js";
import type { Mutations } from "../../src/sandbox/mutations.js";
import {
  BOT,
  type SandboxComment,
  type SandboxIssue,
  type SandboxRepo,
  type SandboxStore,
} from "../../src/sandbox/store.js";

/** Every request the model can fail: the Forge port's operations and the scheduler's listing. */
export type ForgeOp = keyof Forge | "listInstallations";

export const WRITES: ReadonlySet<ForgeOp> = new Set<ForgeOp>([
  "createComment",
  "createIssue",
  "updateIssue",
  "addLabels",
  "removeLabel",
]);

/** Decides, request by request, whether the forge answers with an error (and when: before or after the write). */
export interface FaultGate {
  check(op: ForgeOp): { status: number; afterWrite: boolean } | undefined;
}

/** As Octokit's RequestError: an HTTP status, or none at all for a network error (status 0 here). */
export function forgeError(op: ForgeOp, status: number): Error {
  const error = new Error(status ? `HTTP ${status} on ${op}` : `network error on ${op}`);
  return status ? Object.assign(error, { status }) : error;
}

/**
 * The Forge port over the sandbox's in-memory store, in process (no HTTP), answering as GitHub
 * does (and as `adapters/github/forge.ts` reads it): a missing label removed is no error, an
 * assignee who is no collaborator fails the whole create with 422, a missing file is undefined.
 * Writes go through the sandbox's mutations, so they publish the same webhooks GitHub would.
 */
export function createMemoryForge(
  store: SandboxStore,
  mutate: Mutations,
  faults: FaultGate,
): Forge {
  const repoOf = (name: string): SandboxRepo => {
    const repo = store.repos.get(name.toLowerCase());
    if (!repo) throw forgeError("getIssue", 404);
    return repo;
  };
  const issueOf = (ref: IssueRef): SandboxIssue => {
    const issue = repoOf(ref.repo).issues.get(ref.number);
    if (!issue) throw forgeError("getIssue", 404);
    return issue;
  };
  const snapshot = (repo: SandboxRepo, issue: SandboxIssue): IssueSnapshot => ({
    ref: { platform: "github", repo: repo.fullName, number: issue.number },
    title: issue.title,
    body: issue.body ?? "",
    labels: issue.labels.map((label) => label.name),
    state: issue.state,
    author: issue.user.login,
    url: `https://github.example/${repo.fullName}/issues/${issue.number}`,
    createdAt: issue.created_at,
    confidential: repo.private,
  });
  const comment = (entry: SandboxComment): CommentSnapshot => ({
    id: entry.id,
    body: entry.body,
    author: entry.user.login,
    byBot: entry.user.type === "Bot",
  });
  /** Runs one request through the fault gate: a fault fails it before or after its write. */
  async function request<T>(op: ForgeOp, work: () => T): Promise<T> {
    const fault = faults.check(op);
    // Only a server error (or a lost connection) can come after the write was done.
    const late = fault?.afterWrite && WRITES.has(op) && (fault.status >= 500 || fault.status === 0);
    if (fault && !late) throw forgeError(op, fault.status);
    const result = work();
    if (fault) throw forgeError(op, fault.status);
    return result;
  }
  const labelled = (issue: SandboxIssue, label: string) =>
    issue.labels.some((entry) => entry.name.toLowerCase() === label.toLowerCase());

  return {
    getIssue: (ref) => request("getIssue", () => snapshot(repoOf(ref.repo), issueOf(ref))),
    listComments: (ref) =>
      request("listComments", () => {
        const issue = issueOf(ref);
        return repoOf(ref.repo)
          .comments.filter((entry) => entry.issueNumber === issue.number)
          .map(comment);
      }),
    createComment: (ref, body) =>
      request("createComment", () =>
        comment(mutate.createComment(repoOf(ref.repo), issueOf(ref), BOT, body)),
      ),
    createIssue: (name, issue) =>
      request("createIssue", () => {
        const repo = repoOf(name);
        const outsider = (issue.assignees ?? []).find((user) => !repo.collaborators.has(user));
        if (outsider) throw forgeError("createIssue", 422);
        const created = mutate.openIssue(repo, BOT, {
          title: issue.title,
          body: issue.body,
          labels: issue.labels,
          ...(issue.assignees ? { assignees: issue.assignees } : {}),
        });
        return snapshot(repo, created);
      }),
    updateIssue: (ref, patch) =>
      request("updateIssue", () => {
        mutate.editIssue(repoOf(ref.repo), issueOf(ref), BOT, patch);
      }),
    addLabels: (ref, labels) =>
      request("addLabels", () => {
        mutate.addLabels(repoOf(ref.repo), issueOf(ref), BOT, labels);
      }),
    removeLabel: (ref, label) =>
      request("removeLabel", () => {
        mutate.removeLabel(repoOf(ref.repo), issueOf(ref), BOT, label);
      }),
    findIssueByMarker: (name, label, marker, createdSince) =>
      request("findIssueByMarker", () => {
        const repo = repoOf(name);
        const newest = [...repo.issues.values()]
          .filter((issue) => labelled(issue, label))
          .filter((issue) => !createdSince || issue.updated_at >= createdSince)
          .sort((a, b) => b.number - a.number);
        const found = (createdSince ? newest : newest.slice(0, 100)).find((issue) =>
          (issue.body ?? "").includes(marker),
        );
        return found ? snapshot(repo, found) : undefined;
      }),
    listOpenIssues: (name, label) =>
      request("listOpenIssues", () => {
        const repo = repoOf(name);
        return [...repo.issues.values()]
          .filter((issue) => issue.state === "open" && labelled(issue, label))
          .map((issue) => snapshot(repo, issue));
      }),
    listRecentIssues: (name, label) =>
      request("listRecentIssues", () => {
        const repo = repoOf(name);
        return [...repo.issues.values()]
          .filter((issue) => labelled(issue, label))
          .sort((a, b) => b.number - a.number)
          .slice(0, 100)
          .map((issue) => snapshot(repo, issue));
      }),
    readFile: (name, path) => request("readFile", () => repoOf(name).files.get(path)),
    permission: (name, user) =>
      request("permission", (): Permission => repoOf(name).collaborators.get(user) ?? "none"),
  };
}
