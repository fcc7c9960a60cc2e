import type { Incident } from "./model.js";

/**
 * When impact started and when it was detected, from the timeline: `/timeline 13:40 impact
 * started` and `/timeline 13:52 detected` (the earliest such entry counts, so a correction is a
 * new entry at the right time, never an edit).
 */
const IMPACT_STARTED = /^impact\s+(?:started|start|began|begins)\b/i;
const DETECTED = /^(?:impact\s+)?detected\b/i;

export interface ImpactTimes {
  impactStartedAt?: string;
  detectedAt?: string;
}

export function impactTimes(incident: Pick<Incident, "timeline">): ImpactTimes {
  const earliest = (pattern: RegExp) =>
    incident.timeline
      .filter((entry) => pattern.test(entry.text.trim()))
      .map((entry) => entry.at)
      .sort()[0];
  const impactStartedAt = earliest(IMPACT_STARTED);
  const detectedAt = earliest(DETECTED);
  return {
    ...(impactStartedAt ? { impactStartedAt } : {}),
    ...(detectedAt ? { detectedAt } : {}),
  };
}
