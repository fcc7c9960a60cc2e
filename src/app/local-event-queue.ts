import type { Platform } from "../core/model.js";
import type { EventJob, EventQueue, EventRunner } from "../ports/event-queue.js";
import { eventKey } from "./event-fingerprint.js";
import type { WorkQueue } from "./work-queue.js";

/** Jobs of one fingerprint: whether one is queued or running, and the one to queue after it. */
interface Lane {
  queued: boolean;
  running: boolean;
  next?: EventJob;
}

export interface LocalEventQueueOptions {
  /**
   * The waiting job of a lane starts no sooner than this after the lane's last run began: a
   * storm of one event on one issue otherwise re-runs it back to back while the storm lasts, a
   * job every ~30 ms and its forge requests (docs/operations.md, *Ingress*). 0: at once.
   */
  rerunGapMs?: number;
}

/**
 * The in-process EventQueue: jobs run on this process's priority work queue. Identical jobs
 * (same event, same issue) keep at most one running and one waiting, as BullMQ's
 * `keepLastIfActive` deduplication does across replicas: the rest are `coalesced`. An identical
 * job pushed while one runs waits for it, so no event is lost and none runs twice at once.
 */
export function createLocalEventQueue(
  work: WorkQueue,
  options: LocalEventQueueOptions = {},
): EventQueue {
  const runners = new Map<Platform, EventRunner>();
  const lanes = new Map<string, Lane>();
  const gapMs = options.rerunGapMs ?? 0;
  // Re-runs waiting out the gap, and idle() callers waiting for them to reach the work queue.
  let delayed = 0;
  let delayedQueued: Array<() => void> = [];

  function rerun(job: EventJob, fingerprint: string, lane: Lane, lastStart: number) {
    const wait = lastStart + gapMs - performance.now();
    if (wait <= 0) return enqueue(job, fingerprint, lane);
    lane.queued = true; // identical pushes coalesce into this one meanwhile
    delayed++;
    setTimeout(() => {
      delayed--;
      enqueue(job, fingerprint, lane);
      const waiting = delayedQueued;
      delayedQueued = [];
      for (const resolve of waiting) resolve();
    }, wait);
  }

  function enqueue(job: EventJob, fingerprint: string, lane: Lane) {
    lane.queued = true;
    work.push({
      name: job.name,
      priority: job.priority,
      run: async () => {
        lane.queued = false;
        lane.running = true;
        const started = performance.now();
        try {
          const runner = runners.get(job.platform);
          if (!runner) throw new Error(`no runner for ${job.platform} jobs`);
          await runner(job);
        } finally {
          lane.running = false;
          const next = lane.next;
          delete lane.next;
          if (next) rerun(next, fingerprint, lane, started);
          else if (!lane.queued && lanes.get(fingerprint) === lane) lanes.delete(fingerprint);
        }
      },
    });
  }

  return {
    async push(job) {
      const fingerprint = eventKey(job);
      const lane = lanes.get(fingerprint);
      if (!lane) {
        const fresh: Lane = { queued: false, running: false };
        lanes.set(fingerprint, fresh);
        enqueue(job, fingerprint, fresh);
        return "queued";
      }
      if (lane.queued || lane.next) return "coalesced";
      // One is running (or waiting to retry): this one runs after it.
      lane.next = job;
      return "queued";
    },
    handle(platform, runner) {
      runners.set(platform, runner);
    },
    async idle() {
      for (;;) {
        await work.idle();
        if (delayed === 0) return;
        await new Promise<void>((resolve) => delayedQueued.push(resolve));
      }
    },
    depth: async () => work.depth + delayed,
    close: async () => undefined,
  };
}
