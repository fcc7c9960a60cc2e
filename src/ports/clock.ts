/** The only way the app layer learns the time; tests and the demo script it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Simulated time for drills and tests: from `epoch` (a real instant), time runs `speed` times
 * faster. Two processes given the same epoch agree on the time, so a restart does not rewind it.
 */
export function acceleratedClock(
  speed: number,
  epoch: Date,
  realNow: () => number = () => Date.now(),
): Clock {
  return { now: () => new Date(epoch.getTime() + (realNow() - epoch.getTime()) * speed) };
}
