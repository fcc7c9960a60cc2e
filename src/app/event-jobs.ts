import type { IssueSnapshot } from "../core/events.js";
import { issueKey } from "../core/model.js";
import { severityReader } from "../core/severity.js";
import type { EventJob } from "../ports/event-queue.js";
import { reportDroppedJob } from "./dropped-job.js";
import { handleEvent, type HandleEventDeps } from "./handle-event.js";
import { isPermanentFailure } from "./retry-policy.js";
import type { Runtime } from "./runtime.js";

/** Schemes used only to order the queue before a repository's config is read (compiled once). */
const prioritySeverity = severityReader(["severity::N", "sevN", "sev-N", "PN", "priority::N"]);

/**
 * A webhook's event as a job, the same on every platform: Sev-1 first, and stamped with the time
 * sevbot accepted it, which every attempt of the job decides with.
 */
export function newEventJob(
  runtime: Runtime,
  job: Omit<EventJob, "priority" | "receivedAt">,
): EventJob {
  return {
    ...job,
    priority: prioritySeverity(job.event.issue.labels) ?? 5,
    receivedAt: runtime.clock.now().toISOString(),
  };
}

/**
 * Queues a job; an identical one still waiting makes it a no-op, counted on `/metrics`. An issue
 * being opened mints its declaration token here, at ingress: in the queue, a severity label added
 * right after would run first (Sev-1 first) and find no token.
 */
export async function pushEventJob(runtime: Runtime, job: EventJob): Promise<void> {
  if (job.event.kind === "issue-opened") await mintDeclarationToken(runtime, job.event.issue);
  const outcome = await runtime.events.push(job);
  if (outcome === "coalesced") runtime.metrics.eventsCoalesced.inc({ platform: job.platform });
}

/** Runs one job through the one pipeline (`handleEvent`), timed for `/metrics`. */
export async function runEventJob(
  runtime: Runtime,
  deps: HandleEventDeps,
  job: EventJob,
): Promise<void> {
  const done = runtime.metrics.actionDuration.startTimer({ kind: job.event.kind });
  const outcome = await handleEvent(deps, job.event, job.receivedAt)
    .catch(async (error: unknown) => {
      // Dropped for good, not retried: the people on the issue are told (dropped-job.ts).
      if (isPermanentFailure(error)) await reportDroppedJob(deps.forge, job.id, job.event, error);
      throw error;
    })
    .finally(done);
  if (outcome.kind === "handled")
    runtime.log.info(
      `${issueKey(job.event.issue.ref)}: ${job.event.kind} → ${outcome.actions} action(s)`,
    );
}

/** A token lost to a Redis hiccup only costs the first declaration a search: never refuse the delivery. */
async function mintDeclarationToken(runtime: Runtime, issue: IssueSnapshot): Promise<void> {
  try {
    await runtime.declarations.mint(issue.ref, issue.createdAt);
  } catch {
    // The declaration will search, as it would without tokens.
  }
}
