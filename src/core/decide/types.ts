import type { SevbotConfig } from "../../config/schema.js";
import type { Action } from "../actions.js";
import type { Incident } from "../model.js";

export interface Decision {
  incident: Incident | undefined;
  actions: Action[];
}

/** What every decision step needs besides the incident and the event. */
export interface DecideContext {
  config: SevbotConfig;
  /** ISO instant of "now", handed in: the core never reads a clock. */
  now: string;
}

export function nothing(incident: Incident | undefined): Decision {
  return { incident, actions: [] };
}

export function trackerRepoFor(config: SevbotConfig, sourceRepo: string): string {
  return config.tracker.repository || sourceRepo;
}
