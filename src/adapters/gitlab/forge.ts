import type { IssueRef } from "../../core/model.js";
import { withGitlabCommands } from "./command-prefix.js";
import type { Forge, IssuePatch, NewIssue, Permission } from "../../ports/forge.js";
import type { GitlabApi } from "./client.js";
import { labelSpecFor } from "./label-colours.js";
import {
  toCommentSnapshot,
  toIssueSnapshot,
  type GitlabIssue,
  type GitlabNote,
} from "./snapshots.js";
import { statusOf } from "../../app/http-status.js";

export interface GitlabForgeOptions {
  /** The token user's username: notes by it are sevbot's own. */
  botUsername: string;
  /** Usernames → user ids seen in webhooks (GitLab assigns and checks members by id). */
  userIds: Map<string, number>;
  log?: (line: string) => void;
}

/** GitLab access levels (Guest 10, Planner 15, Reporter 20, Developer 30, Maintainer 40, Owner 50). */
export function permissionOfAccessLevel(level: number): Permission {
  if (level >= 50) return "admin";
  if (level >= 40) return "maintain";
  if (level >= 30) return "write";
  if (level >= 15) return "triage";
  return level > 0 ? "read" : "none";
}

/**
 * The Forge port spoken to GitLab's REST API through Gitbeaker. Quirks stay here: issues are
 * addressed by `iid`, labels go comma-separated through `add_labels` / `remove_labels`, state
 * changes are `state_event`, assignees and members are user ids.
 */
export function createGitlabForge(api: GitlabApi, options: GitlabForgeOptions): Forge {
  const privateProjects = new Map<string, Promise<boolean>>();
  const knownLabels = new Map<string, Promise<Set<string>>>();
  const isPrivate = (project: string) => {
    if (!privateProjects.has(project))
      privateProjects.set(
        project,
        api.Projects.show(project)
          .then((data) => (data as { visibility?: string }).visibility === "private")
          .catch(() => false),
      );
    return privateProjects.get(project)!;
  };
  const snapshot = async (project: string, issue: unknown) =>
    toIssueSnapshot(issue as GitlabIssue, project, await isPrivate(project));

  /** Creates sevbot's labels in their colours before first use (GitLab would make them grey). */
  async function ensureLabels(project: string, names: string[]): Promise<void> {
    if (!knownLabels.has(project))
      knownLabels.set(
        project,
        api.ProjectLabels.all(project, { perPage: 100 } as never).then(
          (labels) =>
            new Set((labels as Array<{ name: string }>).map((label) => label.name.toLowerCase())),
        ),
      );
    let known: Set<string>;
    try {
      known = await knownLabels.get(project)!;
    } catch (error) {
      knownLabels.delete(project);
      throw error;
    }
    for (const name of names.filter((label) => !known.has(label.toLowerCase()))) {
      const spec = labelSpecFor(name);
      try {
        await api.ProjectLabels.create(
          project,
          name,
          `#${spec.color}`,
          spec.description ? { description: spec.description } : {},
        );
      } catch (error) {
        if (statusOf(error) !== 409) throw error; // 409: someone created it meanwhile
      }
      known.add(name.toLowerCase());
    }
  }

  async function userIdOf(project: string, username: string): Promise<number | undefined> {
    const seen = options.userIds.get(username);
    if (seen !== undefined) return seen;
    const members = (await api.ProjectMembers.all(project, { query: username } as never)) as Array<{
      id: number;
      username: string;
    }>;
    const member = members.find((candidate) => candidate.username === username);
    if (member) options.userIds.set(username, member.id);
    return member?.id;
  }

  /** Best effort: the issue exists either way, and its body links to the incident. */
  async function linkIssues(from: IssueRef, to: IssueRef): Promise<void> {
    try {
      await api.IssueLinks.create(from.repo, from.number, to.repo, to.number);
    } catch (error) {
      if (statusOf(error) !== 409)
        options.log?.(
          `could not link ${from.repo}#${from.number} to ${to.repo}#${to.number}: ${(error as Error).message}`,
        );
    }
  }

  /** The project's issues labelled `label`, newest first, 100 a page; `window` bounds the pages. */
  async function newestIssues(
    project: string,
    label: string,
    window: { maxPages: number; createdAfter?: string },
  ): Promise<GitlabIssue[]> {
    return (await api.Issues.all({
      projectId: project,
      labels: label,
      orderBy: "created_at",
      sort: "desc",
      perPage: 100,
      ...window,
    } as never)) as GitlabIssue[];
  }

  return {
    async getIssue(ref) {
      return snapshot(ref.repo, await api.Issues.show(ref.number, { projectId: ref.repo }));
    },
    async listComments(ref) {
      const notes = (await api.IssueNotes.all(ref.repo, ref.number, {
        perPage: 100,
        sort: "asc",
        orderBy: "created_at",
      } as never)) as GitlabNote[];
      return notes
        .filter((note) => !note.system)
        .map((note) => toCommentSnapshot(note, options.botUsername));
    },
    async createComment(ref, body) {
      return toCommentSnapshot(
        (await api.IssueNotes.create(ref.repo, ref.number, withGitlabCommands(body))) as GitlabNote,
        options.botUsername,
      );
    },
    async createIssue(project, issue: NewIssue) {
      await ensureLabels(project, issue.labels);
      const assigneeIds = (
        await Promise.all((issue.assignees ?? []).map((login) => userIdOf(project, login)))
      ).filter((id): id is number => id !== undefined);
      const created = await api.Issues.create(project, issue.title, {
        description: issue.body,
        labels: issue.labels.join(","),
        ...(assigneeIds.length > 0 ? { assigneeIds } : {}),
        ...(issue.confidential ? { confidential: true } : {}),
      });
      const snap = await snapshot(project, created);
      if (issue.relatesTo?.platform === "gitlab") await linkIssues(snap.ref, issue.relatesTo);
      return snap;
    },
    async updateIssue(ref, patch: IssuePatch) {
      await api.Issues.edit(ref.repo, ref.number, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.body !== undefined ? { description: patch.body } : {}),
        ...(patch.state ? { stateEvent: patch.state === "closed" ? "close" : "reopen" } : {}),
      });
    },
    async addLabels(ref, labels) {
      await ensureLabels(ref.repo, labels);
      await api.Issues.edit(ref.repo, ref.number, { addLabels: labels.join(",") });
    },
    async removeLabel(ref, label) {
      // Removing a label the issue does not have is a no-op on GitLab: the goal is reached either way.
      await api.Issues.edit(ref.repo, ref.number, { removeLabels: label });
    },
    async findIssueByMarker(project, label, marker, createdSince) {
      // With `createdSince`, every issue created since then (bounded); otherwise the newest 100.
      const window = createdSince ? { createdAfter: createdSince, maxPages: 10 } : { maxPages: 1 };
      const issues = await newestIssues(project, label, window);
      const found = issues.find((issue) => (issue.description ?? "").includes(marker));
      return found ? snapshot(project, found) : undefined;
    },
    async listOpenIssues(project, label) {
      const issues = (await api.Issues.all({
        projectId: project,
        labels: label,
        state: "opened",
        perPage: 100,
      } as never)) as GitlabIssue[];
      return Promise.all(issues.map((issue) => snapshot(project, issue)));
    },
    async listRecentIssues(project, label) {
      const issues = await newestIssues(project, label, { maxPages: 1 });
      return Promise.all(issues.map((issue) => snapshot(project, issue)));
    },
    async readFile(project, path) {
      try {
        const raw = await api.RepositoryFiles.showRaw(
          project,
          path,
          undefined as unknown as string,
        );
        return typeof raw === "string" ? raw : JSON.stringify(raw);
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async permission(project, username, userId) {
      try {
        const id = userId ?? (await userIdOf(project, username));
        if (id === undefined) return "none";
        const member = (await api.ProjectMembers.show(project, id, { includeInherited: true })) as {
          access_level: number;
        };
        return permissionOfAccessLevel(member.access_level);
      } catch (error) {
        if (statusOf(error) === 404) return "none";
        throw error;
      }
    },
  };
}
