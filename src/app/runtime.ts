import type { Notification } from "../core/notification.js";
import type { Clock } from "../ports/clock.js";
import type { WarRoom } from "../ports/notifier.js";
import type { NotifyFailure } from "./execute.js";
import { createDeliveryDedupe, type DeliveryDedupe } from "./delivery-dedupe.js";
import { createKeyedMutex, type KeyedMutex } from "./keyed-mutex.js";
import { createPermissionCache, type PermissionCache } from "./permission-cache.js";
import { createWorkQueue, type WorkQueue, type WorkQueueOptions } from "./work-queue.js";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The in-process machinery shared by every webhook route: dedupe, per-incident lock, work queue. */
export interface Runtime {
  clock: Clock;
  dedupe: DeliveryDedupe;
  mutex: KeyedMutex;
  permissions: PermissionCache;
  queue: WorkQueue;
  log: Logger;
  /** Fan-out to the configured notifiers (none: a no-op). */
  notify: (notification: Notification) => Promise<NotifyFailure[]>;
  /** Creates a war-room channel when a notifier can. */
  createWarRoom: (name: string, topic: string) => Promise<WarRoom | undefined>;
}

export type QueueTuning = Partial<Pick<WorkQueueOptions, "concurrency" | "maxAttempts" | "backoffMs">>;

export function createRuntime(clock: Clock, log: Logger, tuning: QueueTuning = {}, notify: Runtime["notify"] = async () => [], createWarRoom: Runtime["createWarRoom"] = async () => undefined): Runtime {
  const dedupe = createDeliveryDedupe();
  return {
    clock,
    dedupe,
    notify,
    createWarRoom,
    mutex: createKeyedMutex(),
    permissions: createPermissionCache(),
    log,
    queue: createWorkQueue({
      concurrency: 8,
      // Enough attempts to ride out a bad minute of 5xx; each attempt resumes where the last stopped.
      maxAttempts: 10,
      backoffMs: 500,
      maxBackoffMs: 5_000,
      ...tuning,
      onError: (job, error, attempt, willRetry) =>
        log[willRetry ? "warn" : "error"](`${job.name} failed (attempt ${attempt}${willRetry ? ", will retry" : ", giving up"}): ${(error as Error).message}`),
    }),
  };
}
