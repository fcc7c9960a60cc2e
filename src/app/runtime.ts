import type { Clock } from "../ports/clock.js";
import { createDeliveryDedupe, type DeliveryDedupe } from "./delivery-dedupe.js";
import { createKeyedMutex, type KeyedMutex } from "./keyed-mutex.js";
import { createWorkQueue, type WorkQueue } from "./work-queue.js";

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
  queue: WorkQueue;
  log: Logger;
}

export function createRuntime(clock: Clock, log: Logger): Runtime {
  const dedupe = createDeliveryDedupe();
  return {
    clock,
    dedupe,
    mutex: createKeyedMutex(),
    log,
    queue: createWorkQueue({
      concurrency: 8,
      maxAttempts: 6,
      backoffMs: 500,
      onError: (job, error, attempt, willRetry) =>
        log[willRetry ? "warn" : "error"](`${job.name} failed (attempt ${attempt}${willRetry ? ", will retry" : ", giving up"}): ${(error as Error).message}`),
    }),
  };
}
