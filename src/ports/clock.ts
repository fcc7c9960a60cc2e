/** The only way the app layer learns the time; tests and the demo script it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
