import type { IssueSnapshot } from "../core/events.js";
import { incidentFromLog } from "../app/handle-tick.js";
import { statusOf } from "../app/http-status.js";
import type { Runtime } from "../app/runtime.js";
import type { Platform } from "../ops/metrics.js";

/** One place the scheduler looks for open incidents: a tracker repository through its forge. */
export interface Tracker {
  name: string;
  listOpenLogs(): Promise<IssueSnapshot[]>;
  tick(log: IssueSnapshot): Promise<number>;
  /** Opens the drill reminder when one is due (checked at most daily). */
  remindDrills?(): Promise<void>;
}

/** Incidents ticked at once per tracker: different incidents never wait on each other's requests. */
const TICK_CONCURRENCY = 8;

export interface TickOptions {
  /** Incidents with due work handled per tracker per tick; Sev-1 first (principle 8). */
  maxIncidentsPerTracker: number;
  onError: (tracker: string, error: unknown) => void;
}

/**
 * Finds open incidents from the trackers themselves (never from memory) and ticks each, worst
 * severity first, bounded per tracker. A failure is reported and skipped: one tracker, or one
 * incident, never holds up the others. Returns how many actions were taken.
 */
export async function tickTrackers(trackers: Tracker[], options: TickOptions): Promise<number> {
  let actions = 0;
  for (const tracker of trackers) {
    const logs = await reported(tracker.name, options, () => tracker.listOpenLogs());
    if (!logs) continue;
    const ordered = logs
      .map((log) => ({ log, severity: incidentFromLog(log)?.severity ?? 9 }))
      .sort((a, b) => a.severity - b.severity);
    // Worst first, a few at a time (one slow forge answer must not hold every due page), and only
    // incidents that had work count towards the bound: quiet ones cost no request.
    let busy = 0;
    for (let next = 0; next < ordered.length && busy < options.maxIncidentsPerTracker;) {
      const batch = ordered.slice(
        next,
        next + Math.min(TICK_CONCURRENCY, options.maxIncidentsPerTracker - busy),
      );
      next += batch.length;
      const taken = await Promise.all(
        batch.map(({ log }) => reported(tracker.name, options, () => tracker.tick(log))),
      );
      for (const count of taken) {
        actions += count ?? 0;
        if ((count ?? 0) > 0) busy++;
      }
    }
    await reported(tracker.name, options, async () => tracker.remindDrills?.());
  }
  return actions;
}

/** Runs one piece of a tick; a failure goes to `onError` and the tick goes on. */
async function reported<T>(
  tracker: string,
  options: TickOptions,
  work: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    options.onError(tracker, error);
    return undefined;
  }
}

/**
 * Ticks `platform`'s trackers every `tickMs`. No failure ends the process or the schedule: each is
 * logged, counted on `/metrics` (`sevbot_scheduler_failures_total`) and the next tick runs again.
 */
export function scheduleTicks(
  runtime: Runtime,
  platform: Platform,
  tickMs: number,
  trackers: (onError: (name: string, error: unknown) => void) => Promise<Tracker[]>,
): void {
  const failed = (stage: "pass" | "tracker", what: string, error: unknown) => {
    const status = statusOf(error);
    runtime.log.error(
      `scheduler (${platform}): ${what} failed${status ? ` (HTTP ${status})` : ""}: ${(error as Error)?.message ?? String(error)}; trying again at the next tick`,
    );
    runtime.metrics.schedulerFailures.inc({ platform, stage });
  };
  runtime.scheduler.every(`tick:${platform}`, tickMs, async () => {
    try {
      const onError = (name: string, error: unknown) => failed("tracker", `tick of ${name}`, error);
      await tickTrackers(await trackers(onError), { maxIncidentsPerTracker: 50, onError });
    } catch (error) {
      failed("pass", "listing the trackers", error);
    }
  });
}

/** Runs `work` every `intervalMs` without overlapping itself; `stop()` ends it. */
export function every(intervalMs: number, work: () => Promise<void>): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    // Work reports its own failures (scheduleTicks); a rejection here must still not end the process.
    void work()
      .catch(() => undefined)
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
