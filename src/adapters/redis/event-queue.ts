import { DelayedError, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { eventFingerprint, RERUN_GAP_MS } from "../../app/event-fingerprint.js";
import { EVENT_RETRY, isPermanentFailure } from "../../app/retry-policy.js";
import { WORKER_CONCURRENCY } from "../../app/work-queue.js";
import type { Logger } from "../../app/runtime.js";
import type { Platform } from "../../core/model.js";
import type { EventJob, EventQueue, EventRunner } from "../../ports/event-queue.js";

export interface RedisQueueTuning {
  concurrency: number;
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** A killed replica's job goes back to the queue once its lock lapses (checked this often). */
  lockMs: number;
  stalledCheckMs: number;
  /**
   * A re-run of an identical event starts no sooner than this after the last one began, on any
   * replica: a storm of one event on one issue otherwise re-runs it back to back while it lasts
   * (the in-process queue's `rerunGapMs`, docs/operations.md *Ingress*). 0: at once.
   */
  rerunGapMs: number;
}

const DEFAULT_TUNING: RedisQueueTuning = {
  concurrency: WORKER_CONCURRENCY,
  attempts: EVENT_RETRY.maxAttempts,
  backoffMs: EVENT_RETRY.backoffMs,
  maxBackoffMs: EVENT_RETRY.maxBackoffMs,
  lockMs: 10_000,
  stalledCheckMs: 5_000,
  rerunGapMs: RERUN_GAP_MS,
};
const PENDING = [
  "waiting",
  "active",
  "delayed",
  "prioritized",
  "waiting-children",
  "paused",
] as const;

/** BullMQ ids may not contain `:`; deterministic ids keep a duplicated delivery one job. */
export function bullJobId(id: string): string {
  return id.replace(/:/g, "_");
}

/**
 * The work queue on BullMQ: durable jobs, one id per delivery event (a duplicate sent to another
 * replica is the same job), Sev-1 first by priority, retried with capped backoff, and picked up
 * again when the replica running it dies.
 */
export function createRedisEventQueue(
  connect: () => Redis,
  log: Logger,
  tuning: Partial<RedisQueueTuning> = {},
  prefix = "sevbot",
): EventQueue {
  const settings = { ...DEFAULT_TUNING, ...tuning };
  const runners = new Map<Platform, EventRunner>();
  const queue = new Queue<EventJob>("events", {
    connection: connect(),
    prefix,
    defaultJobOptions: {
      attempts: settings.attempts,
      backoff: { type: "capped" },
      removeOnComplete: { age: 86_400, count: 50_000 },
      removeOnFail: { age: 7 * 86_400 },
    },
  });
  let worker: Worker<EventJob> | undefined;
  // Started with the first runner, so a replica never takes jobs it cannot run yet.
  function startWorker(): Worker<EventJob> {
    const started = new Worker<EventJob>(
      "events",
      async (job, token) => {
        const runner = runners.get(job.data.platform);
        if (!runner) throw new Error(`no runner for ${job.data.platform} jobs`);
        const startAt = await laneStart(eventFingerprint(job.data));
        if (startAt > Date.now()) {
          // Back to the queue until the gap is over; identical pushes keep coalescing into it.
          await job.moveToDelayed(startAt, token);
          throw new DelayedError();
        }
        try {
          await runner(job.data);
        } catch (error) {
          if (isPermanentFailure(error)) throw new UnrecoverableError((error as Error).message);
          throw error;
        }
      },
      {
        connection: connect(),
        prefix,
        concurrency: settings.concurrency,
        lockDuration: settings.lockMs,
        stalledInterval: settings.stalledCheckMs,
        maxStalledCount: 5,
        settings: {
          backoffStrategy: (attemptsMade: number) =>
            Math.min(
              settings.backoffMs * 2 ** Math.max(0, attemptsMade - 1),
              settings.maxBackoffMs,
            ),
        },
      },
    );
    started.on("failed", (job, error) => {
      const willRetry = job !== undefined && job.attemptsMade < settings.attempts;
      log[willRetry ? "warn" : "error"](
        `${job?.data.name ?? "job"} failed (attempt ${job?.attemptsMade ?? "?"}${willRetry ? ", will retry" : ", giving up"}): ${error.message}`,
      );
    });
    started.on("error", (error) => log.warn(`queue worker: ${error.message}`));
    return started;
  }
  queue.on("error", (error) => log.warn(`queue: ${error.message}`));

  /**
   * When a job of this fingerprint may start: now, recording the start for the replicas (one
   * `SET … NX PX`), or when the last start's gap is over.
   */
  async function laneStart(fingerprint: string): Promise<number> {
    if (settings.rerunGapMs <= 0) return 0;
    // BullMQ types its client narrowly; it is the ioredis connection `connect()` made.
    const redis = (await queue.client) as unknown as Redis;
    const key = `${prefix}:rerun:${fingerprint}`;
    const now = Date.now();
    const set = await redis.set(key, String(now), "PX", settings.rerunGapMs, "NX");
    if (set === "OK") return now;
    const last = Number(await redis.get(key));
    return Number.isFinite(last) && last > 0 ? last + settings.rerunGapMs : now;
  }

  async function depth(): Promise<number> {
    const counts = await queue.getJobCounts(...PENDING);
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  return {
    async push(job) {
      // BullMQ priorities start at 1 (highest); 0 would mean "no priority" and skip the ordering.
      const jobId = bullJobId(job.id);
      const added = await queue.add("event", job, {
        jobId,
        priority: Math.max(1, Math.min(job.priority, 1_000)),
        // One waiting job per identical event across replicas; one more may wait while it runs.
        deduplication: { id: eventFingerprint(job), keepLastIfActive: true },
      });
      return added.id === jobId ? "queued" : "coalesced";
    },
    handle(platform, runner) {
      runners.set(platform, runner);
      worker ??= startWorker();
    },
    async idle() {
      while ((await depth()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    depth,
    async close() {
      await worker?.close();
      await queue.close();
    },
  };
}
