/**
 * Stand-ins for two of the throttling plugin's Bottleneck limiters, which it lets callers replace
 * (as sevbot already replaces `write` and `notifications`). Bottleneck yields to the event loop
 * with `setTimeout(0)` at each step of a job, about 5 ms a job on this machine; with Probot's
 * three limiters a request to a local GitHub took 20 ms where the request itself took 2 ms.
 * These do the same work without timers: a bounded number of requests in flight per
 * installation, and the plugin's rate-limit retries.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the plugin passes its own request arguments through
type Task<T> = (...args: any[]) => T | PromiseLike<T>;

/** The part of `Bottleneck.Group` the plugin's `global` slot is called through. */
export interface ConcurrencyGroup {
  key(id: string): { schedule<T>(options: object, task: Task<T>, ...args: unknown[]): Promise<T> };
}

/** At most `maxConcurrent` tasks per key at once, the rest in arrival order (the plugin's own default is 10). */
export function concurrencyGroup(maxConcurrent: number): ConcurrencyGroup {
  const keys = new Map<string, { running: number; waiting: Array<() => void> }>();
  const slotOf = (id: string) => {
    let slot = keys.get(id);
    if (!slot) keys.set(id, (slot = { running: 0, waiting: [] }));
    return slot;
  };
  return {
    key: (id) => ({
      async schedule(_options, task, ...args) {
        const slot = slotOf(id);
        if (slot.running >= maxConcurrent)
          await new Promise<void>((resolve) => slot.waiting.push(resolve));
        else slot.running++;
        try {
          return await task(...args);
        } finally {
          // The slot passes straight to the next in line; an idle key is forgotten.
          const next = slot.waiting.shift();
          if (next) next();
          else if (--slot.running === 0) keys.delete(id);
        }
      },
    }),
  };
}

/** What the plugin's `failed` handler is told about the attempt (Bottleneck's job info). */
export interface AttemptInfo {
  args: unknown[];
  retryCount: number;
}

type FailedHandler = (error: unknown, info: AttemptInfo) => unknown;

/** The part of a `Bottleneck` the plugin's `retryLimiter` slot is used through. */
export interface RetryLimiter {
  on(event: string, handler: FailedHandler): void;
  schedule<T>(task: Task<T>, ...args: unknown[]): Promise<T>;
}

/**
 * Runs the task; when it fails, asks the `failed` handlers, as Bottleneck does: a number back
 * means "try again after that many ms", anything else lets the error through.
 */
export function retryLimiter(
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
): RetryLimiter {
  const handlers: FailedHandler[] = [];
  return {
    on(event, handler) {
      if (event === "failed") handlers.push(handler);
    },
    async schedule(task, ...args) {
      for (let retryCount = 0; ; retryCount++) {
        try {
          return await task(...args);
        } catch (error) {
          let wait: unknown;
          for (const handler of handlers)
            wait = (await handler(error, { args, retryCount })) ?? wait;
          if (typeof wait !== "number") throw error;
          await sleep(wait);
        }
      }
    },
  };
}
