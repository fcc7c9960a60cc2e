import { readFileSync } from "node:fs";
import type { Clock } from "../../ports/clock.js";

export interface FileClock extends Clock {
  stop(): void;
}

/**
 * For tests and drills that step time themselves: the time is the ISO instant written in `path`,
 * standing still until the file is rewritten. Several replicas reading one file agree on the time,
 * and a loaded machine cannot make due work pile up between two steps, as it can with a clock
 * that runs. Re-read every `pollMs`; an unreadable or garbled file keeps the last good time.
 */
export function fileClock(path: string, warn: (message: string) => void, pollMs = 50): FileClock {
  let current = readInstant(path);
  if (current === undefined)
    throw new Error(
      `SEVBOT_CLOCK_FILE ${path} must hold an ISO instant such as 2026-12-01T10:00:00Z`,
    );
  let complained = false;
  const timer = setInterval(() => {
    const next = readInstant(path);
    if (next !== undefined) {
      current = next;
      complained = false;
    } else if (!complained) {
      complained = true;
      warn(
        `SEVBOT_CLOCK_FILE ${path} is unreadable or not an ISO instant; the clock stays at ${new Date(current!).toISOString()}`,
      );
    }
  }, pollMs);
  timer.unref();
  return { now: () => new Date(current!), stop: () => clearInterval(timer) };
}

function readInstant(path: string): number | undefined {
  try {
    const text = readFileSync(path, "utf8").trim();
    const instant = Date.parse(text);
    return /^\d{4}-\d{2}-\d{2}T/.test(text) && Number.isFinite(instant) ? instant : undefined;
  } catch {
    return undefined;
  }
}
