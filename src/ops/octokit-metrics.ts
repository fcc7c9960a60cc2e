import { recordForgeResponse, type ResponseHeaders } from "./forge-response.js";
import type { SevbotMetrics } from "./metrics.js";

type Fetch = (
  url: string,
  init?: { method?: string },
) => Promise<{ status: number; headers: ResponseHeaders }>;

interface RequestOptions {
  method?: string;
  request?: { fetch?: Fetch; [key: string]: unknown };
}

/** The one Octokit hook the plugin uses (structural, so it fits @octokit/core's and Probot's). */
export interface HookedOctokit {
  hook: { before(name: "request", hook: (options: RequestOptions) => void): void };
}

/**
 * Counts every HTTP response GitHub sends, by method and status. `hook.after`/`hook.error` from a
 * plugin added with `ProbotOctokit.plugin` sit outside plugin-throttling and plugin-retry and see
 * one final result per call: a 429 that throttling waited out and retried would never show. So the
 * `before` hook hands this call's `fetch` a counting wrapper, which every retry of the call reuses.
 */
export function countGithubRequests(metrics: SevbotMetrics) {
  return function githubRequestMetrics(octokit: HookedOctokit): void {
    octokit.hook.before("request", (options) => {
      const inner: Fetch = options.request?.fetch ?? (globalThis.fetch as unknown as Fetch);
      // A new object: `options.request` may be the client's shared defaults, which must not be wrapped twice.
      options.request = { ...options.request, fetch: countingFetch(inner, metrics) };
    });
  };
}

function countingFetch(inner: Fetch, metrics: SevbotMetrics): Fetch {
  return async function fetch(url, init) {
    const method = init?.method ?? "GET";
    let response: Awaited<ReturnType<Fetch>>;
    try {
      response = await inner(url, init);
    } catch (error) {
      recordForgeResponse(metrics, "github", method, "network", false);
      throw error;
    }
    recordForgeResponse(
      metrics,
      "github",
      method,
      response.status,
      isRateLimited(response.status, response.headers),
    );
    return response;
  };
}

/** GitHub's primary limit: 403/429 with `x-ratelimit-remaining: 0`; secondary: 403/429 with `retry-after`. */
function isRateLimited(status: number, headers: ResponseHeaders): boolean {
  if (status !== 403 && status !== 429) return false;
  return headers.get("retry-after") !== null || headers.get("x-ratelimit-remaining") === "0";
}
