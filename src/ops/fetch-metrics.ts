import { recordForgeResponse, type ResponseHeaders } from "./forge-response.js";
import type { SevbotMetrics } from "./metrics.js";

export type GitlabResponseObserver = (
  method: string,
  status: number | "network",
  headers?: ResponseHeaders,
) => void;

/**
 * For the GitLab requester to call once per response, retries included (each is a request GitLab
 * answered), or with "network" when `fetch` threw. GitLab signals rate limits with 429 alone
 * (`Retry-After` is optional) and the requester waits on every 429, so the headers are accepted
 * for symmetry with GitHub but not needed.
 */
export function observeGitlabResponse(metrics: SevbotMetrics): GitlabResponseObserver {
  return function observe(method, status) {
    recordForgeResponse(metrics, "gitlab", method, status, status === 429);
  };
}
