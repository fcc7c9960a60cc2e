import { createHash } from "node:crypto";
import type { EventJob } from "../ports/event-queue.js";

/**
 * What a job would do, without the delivery it came in: two jobs with the same key carry the
 * same event for the same issue (a redelivery storm under fresh ids, a script re-adding a
 * label). Every effect is idempotent, so the second of two such jobs waiting in the queue cannot
 * change the outcome: the queue keeps one (issue 16: a storm on one issue costs O(1) requests).
 * The in-process queue keys its lanes on this string as is; hashing it cost a flood 4 µs a
 * delivery (docs/operations.md, *Ingress*), and a lane only lives while its job, which holds the
 * same event, is queued or running.
 */
export function eventKey(job: EventJob): string {
  const { platform, installationId, repoPrivate, event } = job;
  return JSON.stringify({ platform, installationId, repoPrivate, event });
}

/** The key in 32 characters, for BullMQ's deduplication id (a Redis key across replicas). */
export function eventFingerprint(job: EventJob): string {
  return createHash("sha256").update(eventKey(job)).digest("base64url").slice(0, 32);
}

/**
 * A storm of one event on one issue re-runs it at most once a second, in process
 * (local-event-queue.ts) and across replicas (adapters/redis/event-queue.ts): back to back, its
 * jobs took most of a flood's CPU (docs/operations.md, *Ingress*).
 */
export const RERUN_GAP_MS = 1_000;
