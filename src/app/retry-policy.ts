import { statusOf } from "./http-status.js";

/**
 * How long sevbot keeps trying one event. A forge outage of a few minutes must not drop an
 * incident, so failures are retried for minutes, not seconds, with a capped backoff; a request
 * the forge refuses for good (404, 410, 422) is not worth repeating.
 */
export const EVENT_RETRY = { maxAttempts: 100, backoffMs: 500, maxBackoffMs: 5_000 } as const;

/** 408, 409 and 429 are about timing; 401 and 403 can be an expired token or a secondary rate limit. */
const WORTH_RETRYING_4XX = new Set([401, 403, 408, 409, 429]);

export function isPermanentFailure(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 && !WORTH_RETRYING_4XX.has(status);
}
