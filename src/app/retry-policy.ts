import { statusOf } from "./http-status.js";

/**
 * How long sevbot keeps trying one event. A forge outage of a few minutes must not drop an
 * incident, so failures are retried for minutes, not seconds, with a capped backoff; a request
 * the forge refuses for good (404, 410, 422) is not worth repeating.
 */
export const EVENT_RETRY = { maxAttempts: 100, backoffMs: 500, maxBackoffMs: 5_000 } as const;

/** 408, 409 and 429 are about timing; 401 and 403 can be an expired token or a secondary rate limit. */
const WORTH_RETRYING_4XX = new Set([401, 403, 408, 409, 429]);

/**
 * GitHub's 403 for a token that lacks a permission (an App's, or a workflow's GITHUB_TOKEN without
 * `issues: write`): no retry grants it, and retrying for minutes only hides the cause.
 */
const MISSING_PERMISSION = /Resource not accessible by integration/i;

export function isPermanentFailure(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 403 && error instanceof Error && MISSING_PERMISSION.test(error.message))
    return true;
  return status !== undefined && status >= 400 && status < 500 && !WORTH_RETRYING_4XX.has(status);
}

/**
 * A repository sevbot cannot use for good: it does not exist or is hidden (404), is gone (410), or
 * the token may not write there (GitHub's missing-permission 403). A 5xx or a timeout is not.
 */
export function isUnusableRepository(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 403) return error instanceof Error && MISSING_PERMISSION.test(error.message);
  return status === 404 || status === 410;
}
