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

/**
 * Where an incident's own issues go (the post-mortem): beside its log. A tracker moved in the
 * config takes the incidents declared after the move; one declared before keeps its issues where
 * its log is, so a retry finds what an earlier attempt opened there.
 */
export function incidentTrackerRepo(incident: Incident, config: SevbotConfig): string {
  return incident.log?.repo ?? trackerRepoFor(config, incident.source.repo);
}
