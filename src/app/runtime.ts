import type { Notification } from "../core/notification.js";
import { createMetrics, type SevbotMetrics } from "../ops/metrics.js";
import type { Clock } from "../ports/clock.js";
import type { EventQueue, NotificationJob, Scheduler } from "../ports/event-queue.js";
import type { WarRoom } from "../ports/notifier.js";
import { every } from "../scheduler/scheduler.js";
import type { NotifyFailure } from "./execute.js";
import { createDeliveryDedupe, type DeliveryDedupe } from "./delivery-dedupe.js";
import { createLocalDeclarationTokens, type DeclarationTokens } from "./declaration-tokens.js";
import { createKeyedMutex, type KeyedMutex } from "./keyed-mutex.js";
import { RERUN_GAP_MS } from "./event-fingerprint.js";
import { createLocalEventQueue } from "./local-event-queue.js";
import { EVENT_RETRY, isPermanentFailure } from "./retry-policy.js";
import { createPermissionCache, type PermissionCache } from "./permission-cache.js";
import { createWorkQueue, WORKER_CONCURRENCY, type WorkQueueOptions } from "./work-queue.js";
import { memorySharedMemo, type SharedMemo } from "./shared-memo.js";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The machinery shared by every webhook route: dedupe, per-incident lock, work queue, scheduler.
 * In one process by default; with REDIS_URL the same roles are played across replicas.
 */
export interface Runtime {
  clock: Clock;
  dedupe: DeliveryDedupe;
  mutex: KeyedMutex;
  permissions: PermissionCache;
  /** Lets the first declaration of a newly opened issue skip the search for an earlier log. */
  declarations: DeclarationTokens;
  events: EventQueue;
  scheduler: Scheduler;
  log: Logger;
  /** Fan-out to the configured notifiers (none: a no-op). */
  notify: (notification: Notification) => Promise<NotifyFailure[]>;
  /** Creates a war-room channel when a notifier can. */
  createWarRoom: (name: string, topic: string) => Promise<WarRoom | undefined>;
  /** What operators watch (`/metrics`); a private registry when none is given. */
  metrics: SevbotMetrics;
  /** With replicas: notifications become durable jobs (`adapters/redis/notification-queue.ts`). */
  queueNotification?: (job: NotificationJob) => Promise<void>;
  /** Small facts shared by the replicas (alert group → issue, PagerDuty incident → issue). */
  memo: SharedMemo;
}

export type QueueTuning = Partial<
  Pick<WorkQueueOptions, "concurrency" | "maxAttempts" | "backoffMs">
>;

/** What replaces the in-process pieces across replicas (adapters/redis). */
export type Coordination = Partial<
  Pick<Runtime, "mutex" | "events" | "scheduler" | "queueNotification" | "memo" | "declarations">
>;

export interface RuntimeOptions {
  tuning?: QueueTuning;
  notify?: Runtime["notify"];
  createWarRoom?: Runtime["createWarRoom"];
  coordination?: Coordination;
  metrics?: SevbotMetrics;
}

export function createRuntime(clock: Clock, log: Logger, options: RuntimeOptions = {}): Runtime {
  const { coordination = {} } = options;
  return {
    clock,
    dedupe: createDeliveryDedupe(),
    notify: options.notify ?? (async () => []),
    createWarRoom: options.createWarRoom ?? (async () => undefined),
    mutex: coordination.mutex ?? createKeyedMutex(),
    permissions: createPermissionCache(),
    declarations: coordination.declarations ?? createLocalDeclarationTokens(),
    metrics: options.metrics ?? createMetrics(),
    log,
    events:
      coordination.events ??
      createLocalEventQueue(localWorkQueue(log, options.tuning), { rerunGapMs: RERUN_GAP_MS }),
    scheduler: coordination.scheduler ?? localScheduler(),
    memo: coordination.memo ?? memorySharedMemo(),
    ...(coordination.queueNotification
      ? { queueNotification: coordination.queueNotification }
      : {}),
  };
}

function localWorkQueue(log: Logger, tuning: QueueTuning = {}) {
  return createWorkQueue({
    concurrency: WORKER_CONCURRENCY,
    // Each attempt resumes where the last stopped (every effect is idempotent).
    ...EVENT_RETRY,
    isPermanent: isPermanentFailure,
    ...tuning,
    onError: (job, error, attempt, willRetry) =>
      log[willRetry ? "warn" : "error"](
        `${job.name} failed (attempt ${attempt}${willRetry ? ", will retry" : ", giving up"}): ${(error as Error).message}`,
      ),
  });
}

/** One process is one scheduler: a timer per job. */
function localScheduler(): Scheduler {
  const timers: Array<{ stop(): void }> = [];
  return {
    every(_name, intervalMs, work) {
      timers.push(every(intervalMs, work));
    },
    async close() {
      for (const timer of timers) timer.stop();
    },
  };
}
