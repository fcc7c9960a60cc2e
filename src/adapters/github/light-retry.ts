import { retryLimiter } from "./light-limiters.js";

/** Statuses a retry cannot change (as @octokit/plugin-retry's defaults). */
const DO_NOT_RETRY = new Set([400, 401, 403, 404, 410, 422, 451]);

export interface LightRetryOptions {
  enabled?: boolean;
  /** Attempts after the first; one request can lower it with `request: { retries }`. */
  retries?: number;
  /** The n-th retry waits n² times this many milliseconds (1 s: 1 s, 4 s, 9 s). */
  retryAfterBaseValue?: number;
}

interface RequestOptions {
  request?: { retries?: number; retryCount?: number };
}

/**
 * Octokit plugin doing what @octokit/plugin-retry does (a failed request is tried again after
 * 1, 4, 9 s; never a 4xx a retry cannot change; `request.retries: 0` turns it off for a
 * request, as sevbot's forge does for POSTs), through the timer-free `retryLimiter` instead of a
 * `new Bottleneck()` per request, whose `setTimeout(0)` hops cost a few ms on every request
 * (docs/operations.md, *One GitHub read*). Options: `sevbotRetry`.
 */
export function lightRetry(
  octokit: { hook: { wrap: (name: "request", wrapper: Wrapper) => void } },
  options: { sevbotRetry?: LightRetryOptions },
): void {
  const { enabled = true, retries = 3, retryAfterBaseValue = 1_000 } = options.sevbotRetry ?? {};
  if (!enabled) return;
  octokit.hook.wrap("request", (request, requestOptions) => {
    const limit = requestOptions.request?.retries ?? retries;
    if (limit <= 0) return request(requestOptions);
    const limiter = retryLimiter();
    limiter.on("failed", (error, info) => {
      requestOptions.request = { ...requestOptions.request, retryCount: info.retryCount + 1 };
      if (!retryable(error) || info.retryCount >= limit) return undefined;
      return (info.retryCount + 1) ** 2 * retryAfterBaseValue;
    });
    return limiter.schedule(request, requestOptions);
  });
}

type Wrapper = (
  request: (options: RequestOptions) => Promise<unknown>,
  options: RequestOptions,
) => Promise<unknown>;

/** An HTTP error from Octokit (a network failure is one too, with status 500). */
function retryable(error: unknown): boolean {
  const { status, request } = (error ?? {}) as { status?: number; request?: unknown };
  return request !== undefined && typeof status === "number" && status >= 400
    ? !DO_NOT_RETRY.has(status)
    : false;
}
