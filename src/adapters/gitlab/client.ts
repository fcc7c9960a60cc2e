import { Gitlab } from "@gitbeaker/rest";
import type { GitlabResponseObserver } from "../../ops/fetch-metrics.js";
import { createGitlabRequesterFn, DEFAULT_RETRY, type RetryPolicy } from "./requester.js";

export type GitlabApi = InstanceType<typeof Gitlab<false>>;

export interface GitlabClientOptions {
  /** e.g. https://gitlab.com or a self-managed instance; the API is under `/api/v4`. */
  host: string;
  token: string;
  /** GitLab.com's documented limits per user: notes 60/min, issues 200/min. */
  notesPerMinute?: number;
  issuesPerMinute?: number;
  retry?: RetryPolicy;
  /** Told of every response, retries included (request metrics). */
  observe?: GitlabResponseObserver;
}

/**
 * One Gitbeaker client per server: its rate limiters are per instance, so sharing it is what
 * keeps every incident under GitLab's per-user limits together.
 */
export function createGitlabClient(options: GitlabClientOptions): GitlabApi {
  return new Gitlab({
    host: options.host.replace(/\/+$/, ""),
    token: options.token,
    requesterFn: createGitlabRequesterFn(options.retry ?? DEFAULT_RETRY, options.observe),
    rateLimits: {
      "**": 2000,
      "projects/*/issues/*/notes": { method: "post", limit: options.notesPerMinute ?? 60 },
      "projects/*/issues": { method: "post", limit: options.issuesPerMinute ?? 200 },
    },
  });
}
