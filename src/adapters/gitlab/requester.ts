import type { GitlabResponseObserver } from "../../ops/fetch-metrics.js";
import {
  createRequesterFn,
  getMatchingRateLimiter,
  type RequestOptions,
} from "@gitbeaker/requester-utils";

/** An HTTP error from GitLab, with the status the executor and forge decide on. */
export class GitlabRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly method: string,
    readonly endpoint: string,
  ) {
    super(message);
    this.name = "GitlabRequestError";
  }
}

export interface RetryPolicy {
  /** Attempts in all for one request (a 429 or a retryable 5xx starts another). */
  maxAttempts: number;
  /** Longest wait honoured from `Retry-After`; longer ones are capped so a page is never parked. */
  maxRetryAfterMs: number;
  /** First backoff after a 5xx on an idempotent request (doubles each time). */
  backoffMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  maxRetryAfterMs: 60_000,
  backoffMs: 250,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A 5xx on a POST may come after the write: the executor looks its marker up instead of retrying blindly. */
const IDEMPOTENT = new Set(["GET", "PUT", "DELETE", "HEAD"]);

/** Seconds or an HTTP date, as RFC 9110 allows; GitLab sends seconds. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Gitbeaker's own handler retries 429 and 502 ten times within half a second, POSTs included, and
 * ignores `Retry-After`. This one waits as GitLab asks on 429, retries 5xx only where a repeat is
 * harmless, and throws errors that carry the status.
 */
export function createGitlabRequesterFn(
  policy: RetryPolicy = DEFAULT_RETRY,
  observe: GitlabResponseObserver = () => undefined,
) {
  return createRequesterFn(
    async (_, options) => options,
    async (endpoint: string, options?: RequestOptions) => {
      const {
        rateLimiters,
        prefixUrl,
        searchParams,
        method = "GET",
        asStream: _asStream,
        agent: _agent,
        ...init
      } = (options ?? {}) as RequestOptions & { asStream?: boolean; agent?: unknown };
      const url = new URL(endpoint, prefixUrl?.endsWith("/") ? prefixUrl : `${prefixUrl ?? ""}/`);
      url.search = searchParams ?? "";
      const limit = getMatchingRateLimiter(endpoint, rateLimiters, method);
      for (let attempt = 1; ; attempt++) {
        await limit();
        let response: Response;
        try {
          response = await fetch(url, { ...(init as RequestInit), method });
        } catch (error) {
          observe(method, "network");
          throw error;
        }
        observe(method, response.status, response.headers);
        if (response.ok) return parseResponse(response);
        const last = attempt >= policy.maxAttempts;
        if (response.status === 429 && !last) {
          await policy.sleep(
            Math.min(
              policy.maxRetryAfterMs,
              retryAfterMs(response.headers.get("retry-after")) ?? policy.backoffMs * 2 ** attempt,
            ),
          );
          continue;
        }
        if (response.status >= 500 && IDEMPOTENT.has(method) && !last) {
          await policy.sleep(policy.backoffMs * 2 ** (attempt - 1));
          continue;
        }
        throw await requestError(response, method, endpoint);
      }
    },
  );
}

async function parseResponse(response: Response) {
  const headers = Object.fromEntries(response.headers.entries());
  const type = response.headers.get("content-type") ?? "";
  const text = response.status === 204 ? "" : await response.text();
  const body = type.includes("json") && text ? (JSON.parse(text) as unknown) : text;
  return { body, headers, status: response.status } as {
    body: Record<string, unknown>;
    headers: Record<string, string>;
    status: number;
  };
}

async function requestError(
  response: Response,
  method: string,
  endpoint: string,
): Promise<GitlabRequestError> {
  const text = await response.text();
  let message = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: unknown };
    message =
      typeof parsed.message === "string"
        ? parsed.message
        : JSON.stringify(parsed.message ?? parsed.error ?? parsed);
  } catch {
    // not JSON: keep the text
  }
  return new GitlabRequestError(
    `GitLab ${method} ${endpoint}: ${response.status} ${message}`.slice(0, 500),
    response.status,
    method,
    endpoint,
  );
}
