import type { ProbotOctokit } from "probot";
import type { CommentSnapshot, IssueSnapshot } from "../../core/events.js";
import type { IssueRef } from "../../core/model.js";
import type { Forge, IssuePatch, NewIssue, Permission } from "../../ports/forge.js";
import {
  toCommentSnapshot,
  toIssueSnapshot,
  type GithubComment,
  type GithubIssue,
} from "./snapshots.js";
import { statusOf } from "../../app/http-status.js";

export type GithubOctokit = InstanceType<typeof ProbotOctokit>;

/** Marker searches read at most this many pages of 100 issues. */
const MAX_MARKER_PAGES = 10;

/** Non-idempotent writes are not retried by Octokit: the executor looks up markers instead. */
const NO_RETRY = { request: { retries: 0 } };

function split(repo: string): { owner: string; repo: string } {
  const [owner = "", name = ""] = repo.split("/");
  return { owner, repo: name };
}

function issueParams(ref: IssueRef) {
  return { ...split(ref.repo), issue_number: ref.number };
}

/** The Forge port spoken to GitHub's REST API through the installation's Octokit. */
export function createGithubForge(
  octokit: GithubOctokit,
  repoIsPrivate: (repo: string) => boolean = () => false,
): Forge {
  const snapshot = (repo: string) => (issue: GithubIssue) =>
    toIssueSnapshot(issue, repo, repoIsPrivate(repo));
  return {
    async getIssue(ref) {
      const { data } = await octokit.request(
        "GET /repos/{owner}/{repo}/issues/{issue_number}",
        issueParams(ref),
      );
      return snapshot(ref.repo)(data as GithubIssue);
    },
    async listComments(ref) {
      const data = await octokit.paginate(
        "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
        { ...issueParams(ref), per_page: 100 },
      );
      return (data as GithubComment[]).map(toCommentSnapshot);
    },
    async createComment(ref, body): Promise<CommentSnapshot> {
      const { data } = await octokit.request(
        "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
        { ...issueParams(ref), body, ...NO_RETRY },
      );
      return toCommentSnapshot(data as GithubComment);
    },
    async createIssue(repo, issue: NewIssue): Promise<IssueSnapshot> {
      const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
        ...split(repo),
        title: issue.title,
        body: issue.body,
        labels: issue.labels,
        ...(issue.assignees?.length ? { assignees: issue.assignees } : {}),
        ...NO_RETRY,
      });
      return snapshot(repo)(data as GithubIssue);
    },
    async updateIssue(ref, patch: IssuePatch) {
      await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...issueParams(ref),
        ...patch,
      });
    },
    async addLabels(ref, labels) {
      await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
        ...issueParams(ref),
        labels,
      });
    },
    async removeLabel(ref, label) {
      try {
        await octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", {
          ...issueParams(ref),
          name: label,
        });
      } catch (error) {
        if (statusOf(error) !== 404) throw error; // already gone: the goal is reached
      }
    },
    async findIssueByMarker(repo, label, marker, createdSince) {
      const params = {
        ...split(repo),
        labels: label,
        state: "all" as const,
        sort: "created" as const,
        direction: "desc" as const,
        per_page: 100,
        ...(createdSince ? { since: createdSince } : {}),
      };
      let pages = 0;
      // `since` bounds the listing to what was touched since the incident began; stop at MAX_PAGES regardless.
      for await (const { data } of octokit.paginate.iterator(
        "GET /repos/{owner}/{repo}/issues",
        params,
      )) {
        const found = (data as GithubIssue[]).find((issue) => (issue.body ?? "").includes(marker));
        if (found) return snapshot(repo)(found);
        if (!createdSince || ++pages >= MAX_MARKER_PAGES) return undefined;
      }
      return undefined;
    },
    async listOpenIssues(repo, label) {
      const data = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
        ...split(repo),
        labels: label,
        state: "open",
        per_page: 100,
      });
      return (data as GithubIssue[]).filter((issue) => !issue.pull_request).map(snapshot(repo));
    },
    async listRecentIssues(repo, label) {
      const { data } = await octokit.request("GET /repos/{owner}/{repo}/issues", {
        ...split(repo),
        labels: label,
        state: "all",
        sort: "created",
        direction: "desc",
        per_page: 100,
      });
      return (data as GithubIssue[]).filter((issue) => !issue.pull_request).map(snapshot(repo));
    },
    async readFile(repo, path) {
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
          ...split(repo),
          path,
        });
        const file = data as { content?: string; encoding?: string };
        return file.content === undefined
          ? undefined
          : Buffer.from(file.content, "base64").toString("utf8");
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async permission(repo, user): Promise<Permission> {
      try {
        const { data } = await octokit.request(
          "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
          { ...split(repo), username: user },
        );
        const result = data as { permission: string; role_name?: string };
        return toPermission(result.role_name ?? result.permission);
      } catch (error) {
        if (statusOf(error) === 404) return "none";
        throw error;
      }
    },
  };
}

function toPermission(value: string): Permission {
  const known: Permission[] = ["admin", "maintain", "write", "triage", "read", "none"];
  return known.includes(value as Permission) ? (value as Permission) : "none";
}
