/**
 * In-process work queue: webhooks are answered at once and handled here (principle 7). Lower
 * `priority` numbers run first, so Sev-1 work overtakes Sev-4 bookkeeping (principle 8). Failed
 * jobs are retried with exponential backoff, a bounded number of times.
 */
/**
 * Jobs one process runs at once by default (`SEVBOT_WORKER_CONCURRENCY`), with or without Redis.
 * Writes are paced per installation anyway, so more jobs only overlap reads, while each one more
 * makes the turns of the event loop that webhook acknowledgements wait for longer
 * (docs/operations.md, *Acknowledgement latency*); two keep one slow job from holding up the rest.
 */
export const WORKER_CONCURRENCY = 2;

export interface Job {
  name: string;
  priority: number;
  run: () => Promise<void>;
}

export interface WorkQueueOptions {
  concurrency: number;
  maxAttempts: number;
  backoffMs: number;
  /** Upper bound of one backoff wait. */
  maxBackoffMs?: number;
  onError: (job: Job, error: unknown, attempt: number, willRetry: boolean) => void;
  /** Injected so tests can run backoff without real waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Failures not worth another attempt (the forge refused the request for good). */
  isPermanent?: (error: unknown) => boolean;
}

export interface WorkQueue {
  push(job: Job): void;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  readonly depth: number;
}

interface Pending {
  job: Job;
  attempt: number;
  sequence: number;
}

export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pending: Pending[] = [];
  let running = 0;
  let waitingToRetry = 0;
  let sequence = 0;
  let waiters: Array<() => void> = [];

  function next(): Pending | undefined {
    let best = 0;
    for (let index = 1; index < pending.length; index++) {
      const candidate = pending[index]!;
      const current = pending[best]!;
      if (
        candidate.job.priority < current.job.priority ||
        (candidate.job.priority === current.job.priority && candidate.sequence < current.sequence)
      )
        best = index;
    }
    return pending.splice(best, 1)[0];
  }

  function settleIfIdle() {
    if (running > 0 || pending.length > 0 || waitingToRetry > 0) return;
    const resolved = waiters;
    waiters = [];
    for (const resolve of resolved) resolve();
  }

  async function runOne(item: Pending) {
    try {
      await item.job.run();
    } catch (error) {
      const willRetry =
        item.attempt < options.maxAttempts && !(options.isPermanent?.(error) ?? false);
      options.onError(item.job, error, item.attempt, willRetry);
      if (willRetry) retryLater(item);
    }
  }

  // The backoff wait holds no concurrency slot, so other incidents keep moving meanwhile.
  function retryLater(item: Pending) {
    waitingToRetry++;
    const wait = Math.min(
      options.backoffMs * 2 ** (item.attempt - 1),
      options.maxBackoffMs ?? 5_000,
    );
    void sleep(wait).then(() => {
      waitingToRetry--;
      pending.push({ ...item, attempt: item.attempt + 1 });
      pump();
    });
  }

  function pump() {
    while (running < options.concurrency && pending.length > 0) {
      const item = next()!;
      running++;
      void runOne(item).finally(() => {
        running--;
        pump();
        settleIfIdle();
      });
    }
  }

  return {
    push(job) {
      pending.push({ job, attempt: 1, sequence: sequence++ });
      pump();
    },
    idle() {
      if (running === 0 && pending.length === 0 && waitingToRetry === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    get depth() {
      return pending.length + running + waitingToRetry;
    },
  };
}
