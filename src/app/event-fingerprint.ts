import { createHash } from "node:crypto";
import type { EventJob } from "../ports/event-queue.js";

/**
 * What a job would do, without the delivery it came in: two jobs with the same fingerprint carry
 * the same event for the same issue (a redelivery storm under fresh ids, a script re-adding a
 * label). Every effect is idempotent, so the second of two such jobs waiting in the queue cannot
 * change the outcome: the queue keeps one (issue 16: a storm on one issue costs O(1) requests).
 */
export function eventFingerprint(job: EventJob): string {
  const { platform, installationId, repoPrivate, event } = job;
  const data = JSON.stringify({ platform, installationId, repoPrivate, event });
  return createHash("sha256").update(data).digest("base64url").slice(0, 32);
}
