import type { SevbotConfig } from "../config/schema.js";
import type { Incident } from "./model.js";
import { rotationFor } from "./oncall.js";

type Policy = SevbotConfig["escalation"]["policies"][1];
export type NotifyTarget = Policy["steps"][number]["notify"];

export interface PlannedEscalation {
  key: string;
  at: string;
  label: string;
  notify: NotifyTarget;
  /** Past the policy's repeats: who else is told now (escalation never stops while unacknowledged). */
  level?: "fallback" | "everyone";
  /** Minutes to the next entry, for entries past the repeats (their cadence slows down). */
  nextInMinutes?: number;
}

export interface PlanOptions {
  /** The rotation's fallback, the first level past the repeats. */
  fallback?: string | undefined;
  /** Plan up to this instant; without it, until the slow cadence reaches its cap. */
  until?: string;
  /** A re-plan of the same start under another timing (`followPolicy`): keys of its own. */
  epoch?: number;
}

/** Past the repeats the interval doubles, up to this many minutes (or repeatEvery when larger). */
export const SLOW_CADENCE_CAP = 60;

/**
 * Every step and repeat of a policy from `startedAt`, in order, then (when the policy repeats)
 * levels past `maxRepeats`: the rotation's fallback, then everyone in the first step's channels,
 * the interval doubling each time up to an hour, until someone acknowledges.
 */
export function escalationPlan(
  policy: Policy,
  startedAt: string,
  options: PlanOptions = {},
): PlannedEscalation[] {
  const start = Date.parse(startedAt);
  const epoch = options.epoch ? `-p${options.epoch}` : "";
  const prefix = `esc-${Math.floor(start / 60_000)}${epoch}`;
  const minute = (m: number) => new Date(start + m * 60_000).toISOString();
  const plan: PlannedEscalation[] = policy.steps.map((step, index) => ({
    key: `${prefix}-s${index}`,
    at: minute(step.after),
    label: `step ${index + 1}`,
    notify: step.notify,
  }));
  const last = policy.steps.at(-1);
  if (!last || policy.repeatEvery <= 0) return plan;
  for (let repeat = 1; repeat <= policy.maxRepeats; repeat++) {
    plan.push({
      key: `${prefix}-r${repeat}`,
      at: minute(last.after + repeat * policy.repeatEvery),
      label: `repeat ${repeat}`,
      notify: last.notify,
    });
  }
  return [...plan, ...beyondRepeats(policy, start, prefix, options)];
}

function beyondRepeats(
  policy: Policy,
  start: number,
  prefix: string,
  { fallback, until }: PlanOptions,
): PlannedEscalation[] {
  const first = policy.steps[0]!.notify;
  const last = policy.steps.at(-1)!;
  const cap = Math.max(SLOW_CADENCE_CAP, policy.repeatEvery);
  const users = unique([...last.notify.users, ...(fallback ? [fallback] : [])]);
  const everyone: NotifyTarget = {
    ...last.notify,
    users,
    channels: unique([...last.notify.channels, ...first.channels]),
    everyone: true,
  };
  const entries: PlannedEscalation[] = [];
  const end = until === undefined ? undefined : Date.parse(until);
  let offset = last.after + policy.maxRepeats * policy.repeatEvery;
  let interval = policy.repeatEvery;
  for (let n = 1; ; n++) {
    interval = Math.min(interval * 2, cap);
    offset += interval;
    if (end !== undefined && start + offset * 60_000 > end) break;
    const toFallback = n === 1 && fallback !== undefined && !last.notify.users.includes(fallback);
    entries.push({
      key: `${prefix}-b${n}`,
      at: new Date(start + offset * 60_000).toISOString(),
      label: toFallback ? "fallback" : "everyone",
      notify: toFallback ? { ...last.notify, users } : everyone,
      level: toFallback ? "fallback" : "everyone",
      nextInMinutes: Math.min(interval * 2, cap),
    });
    if (end === undefined && interval === cap) break;
  }
  return entries;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** What a policy's plan keys stand for: its step offsets, repeat interval and repeats. */
export function planTiming(policy: Policy): string {
  const steps = policy.steps.map((step) => step.after).join(",");
  return `${steps}/${policy.repeatEvery}x${policy.maxRepeats}`;
}

/** The incident's keys are those of its current re-plan, when it was re-planned (`followPolicy`). */
export function planEpoch(incident: Incident): number {
  const timing = incident.escalationTiming;
  return timing && timing.since === incident.escalationStartedAt ? (timing.epoch ?? 0) : 0;
}

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

/** The config's timing for the incident's start, its epoch kept (a declaration, a config read late). */
export function recordTiming(incident: Incident, config: SevbotConfig): Incident {
  const since = incident.escalationStartedAt;
  if (!since) return incident;
  const policy = planTiming(config.escalation.policies[incident.severity]);
  const epoch = planEpoch(incident);
  return { ...incident, escalationTiming: { policy, since, ...(epoch ? { epoch } : {}) } };
}

export interface DueEscalations {
  fire: PlannedEscalation[];
  /** Repeats missed while sevbot was down: recorded as done without notifying again. */
  skipped: PlannedEscalation[];
}

/**
 * Level-triggered: recomputed from the stored state on every tick, so a restart loses nothing.
 * Escalation runs only until someone acknowledges (or the incident is resolved). Missed steps all
 * fire (they reach different people); of missed repeats and later levels only the latest fires
 * (each level reaches everyone the ones before it did).
 */
export function dueEscalations(
  incident: Incident,
  config: SevbotConfig,
  now: Date,
): DueEscalations {
  if (incident.status !== "declared" || !incident.escalationStartedAt)
    return { fire: [], skipped: [] };
  // Deterministic: a tick that re-planned but had nothing to send (nor to save) plans so again.
  const followed = followPolicy(incident, config, now.toISOString());
  const policy = config.escalation.policies[incident.severity];
  const nowIso = now.toISOString();
  const fallback = rotationFor(config, incident.components ?? [])?.fallback;
  const due = escalationPlan(policy, incident.escalationStartedAt, {
    fallback,
    until: nowIso,
    epoch: planEpoch(followed),
  }).filter((entry) => entry.at <= nowIso && !followed.done.includes(entry.key));
  const steps = due.filter((entry) => entry.label.startsWith("step"));
  const repeats = due.filter((entry) => !entry.label.startsWith("step"));
  const latest = repeats.at(-1);
  return { fire: latest ? [...steps, latest] : steps, skipped: repeats.slice(0, -1) };
}
