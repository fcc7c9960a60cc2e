import type { SevbotConfig } from "../config/schema.js";
import { escalationPlan, planEpoch, planTiming } from "./escalation.js";
import type { Incident } from "./model.js";

/**
 * Escalation follows the policy of the incident's severity as the config gives it now, on the
 * clock it started with (a lowering or a config change keeps it; a raise or a reopen restarts it).
 *
 * Two timings of one start plan the same key names (`esc-<start>-r3`, `-b23`) for entries at
 * different instants, and an entry whose key the ledger holds is never sent: the new plan would
 * go quiet until it passes the old one's last key. So when the timing changes under the same
 * start, the plan takes an epoch of its own (`esc-<start>-p1-…`) and resumes at its latest entry
 * due by now: that one goes out with the next tick (unless it is due at the start, when the
 * declaration notified), the ones before it are recorded as done, then its own cadence follows.
 */
export function followPolicy(incident: Incident, config: SevbotConfig, now: string): Incident {
  const since = incident.escalationStartedAt;
  if (incident.status !== "declared" || !since) return incident;
  const policy = config.escalation.policies[incident.severity];
  const timing = planTiming(policy);
  const recorded = incident.escalationTiming;
  if (recorded?.since === since && recorded.policy === timing) return incident;
  // First record for this start (a declaration, a raise, a reopen, a state from before timings).
  if (recorded?.since !== since)
    return { ...incident, escalationTiming: { policy: timing, since } };
  const epoch = planEpoch(incident) + 1;
  const past = escalationPlan(policy, since, { epoch, until: now }).filter(
    (entry) => entry.at <= now,
  );
  // The latest entry due resumes the escalation, unless it is due at the start itself: the
  // declaration (or the raise, or the reopen) notified then.
  const latest = past.at(-1);
  const resume = latest && latest.at !== since ? latest.key : undefined;
  return {
    ...incident,
    escalationTiming: { policy: timing, since, epoch },
    done: [...incident.done, ...past.map((entry) => entry.key).filter((key) => key !== resume)],
  };
}

/** The timing `plan` was made with, recorded without a new epoch (its keys were settled already). */
export function recordTiming(incident: Incident, config: SevbotConfig): Incident {
  const since = incident.escalationStartedAt;
  if (!since) return incident;
  const policy = planTiming(config.escalation.policies[incident.severity]);
  const epoch = planEpoch(incident);
  return { ...incident, escalationTiming: { policy, since, ...(epoch ? { epoch } : {}) } };
}
