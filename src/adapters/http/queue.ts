import type { DomainEvent } from "../../core/events.js";

/** How a route outside the forge hands events to the queue, each delivery once. */
export interface InboundQueue {
  /** Queues the event under `jobId` (false: its platform is not served here). Must not wait for the work. */
  dispatch: (event: DomainEvent, jobId: string) => Promise<boolean>;
  /** True the first time a delivery is seen. */
  claim: (id: string) => Promise<boolean>;
  release?: (id: string) => Promise<void>;
  log: (line: string) => void;
}

/**
 * Queues a claimed delivery. If queueing fails the claim `claimId` is released (the vendor's retry
 * is then taken) and the error logged under `what`.
 */
export async function dispatchClaimed(
  queue: InboundQueue,
  event: DomainEvent,
  jobId: string,
  claimId: string,
  what: string,
): Promise<"queued" | "not-served" | "failed"> {
  try {
    return (await queue.dispatch(event, jobId)) ? "queued" : "not-served";
  } catch (error) {
    await queue.release?.(claimId);
    queue.log(`could not queue ${what}: ${(error as Error).message}`);
    return "failed";
  }
}
