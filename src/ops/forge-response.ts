import type { Platform, SevbotMetrics } from "./metrics.js";

/** The part of `fetch`'s `Headers` the counters read. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

/** One forge response (or "network" when none came) into the request and rate-limit counters. */
export function recordForgeResponse(
  metrics: SevbotMetrics,
  platform: Platform,
  method: string,
  status: number | "network",
  rateLimited: boolean,
): void {
  metrics.forgeRequests.inc({ platform, method: method.toUpperCase(), status: String(status) });
  if (rateLimited) metrics.rateLimitWaits.inc({ platform });
}
