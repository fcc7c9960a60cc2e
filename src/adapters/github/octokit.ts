import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";
import type { PacedGroup } from "../redis/write-pacer.js";
import { createEtagPlugin } from "./etag-cache.js";
import { concurrencyGroup, retryLimiter } from "./light-limiters.js";
import { lightRetry } from "./light-retry.js";
import { nativeJsonResponses } from "./native-json.js";

export interface OctokitTuning {
  /** Minimum spacing of writes; GitHub recommends at least one second between content writes. */
  writeIntervalMs: number;
  /** Shared pacing (the Redis write pacer, with `REDIS_URL`); without it each process paces alone. */
  pacer?: { group(name: "write" | "notifications"): PacedGroup };
}

/**
 * Probot's Octokit with sevbot's throttling: secondary rate limits (403/429 with `retry-after`)
 * are waited out and retried a few times instead of failing the incident; config reads are
 * conditional (ETag); writes are spaced `writeIntervalMs` apart per installation, across replicas
 * when a shared pacer is given; success bodies are parsed with the native JSON parser where that
 * gives the same value (`native-json.ts`). Probot overwrites the object form of `defaults`, so the function
 * form is needed (see DESIGN.md).
 */
export function createSevbotOctokit({
  writeIntervalMs,
  pacer,
}: OctokitTuning): typeof ProbotOctokit {
  // The throttling plugin only calls `group.key(installation).schedule(options, noop)` on these two.
  const write =
    pacer?.group("write") ?? new Bottleneck.Group({ maxConcurrent: 1, minTime: writeIntervalMs });
  const notifications =
    pacer?.group("notifications") ??
    new Bottleneck.Group({ maxConcurrent: 1, minTime: writeIntervalMs });
  // Shared by every client, as the plugin's own groups are; requests in flight per installation.
  const global = concurrencyGroup(10);
  // First, so the ETag cache keeps parsed bodies.
  const WithEtags = ProbotOctokit.plugin(
    nativeJsonResponses as unknown as Parameters<typeof ProbotOctokit.plugin>[0],
    createEtagPlugin() as unknown as Parameters<typeof ProbotOctokit.plugin>[0],
    lightRetry as unknown as Parameters<typeof ProbotOctokit.plugin>[0],
  );
  return WithEtags.defaults((options: Record<string, unknown>) => {
    const throttle = (options.throttle ?? {}) as Record<string, unknown>;
    return {
      ...options,
      // Probot's retry plugin makes a Bottleneck per request; `lightRetry` does its work.
      retry: { enabled: false },
      // Not read from `retry`: Probot builds each installation's client from the App client's
      // options, which carry the `enabled: false` above.
      sevbotRetry: options.sevbotRetry ?? {},
      throttle: {
        ...throttle,
        global,
        // One per client: the plugin adds its rate-limit handler to it when the client starts.
        retryLimiter: retryLimiter(),
        write,
        notifications,
        onSecondaryRateLimit: (_retryAfter: number, request: { request: { retryCount: number } }) =>
          request.request.retryCount < 4,
        onRateLimit: (_retryAfter: number, request: { request: { retryCount: number } }) =>
          request.request.retryCount < 2,
      },
    };
  }) as typeof ProbotOctokit;
}
