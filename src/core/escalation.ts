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
  /** A re-plan of the same start under another timing (`core/replan.ts`): keys of its own. */
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

/** The incident's keys are those of its current re-plan, when it was re-planned (`core/replan.ts`). */
export function planEpoch(incident: Incident): number {
  const timing = incident.escalationTiming;
  return timing && timing.since === incident.escalationStartedAt ? (timing.epoch ?? 0) : 0;
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
  const policy = config.escalation.policies[incident.severity];
  const nowIso = now.toISOString();
  const fallback = rotationFor(config, incident.components ?? [])?.fallback;
  const due = escalationPlan(policy, incident.escalationStartedAt, {
    fallback,
    until: nowIso,
    epoch: planEpoch(incident),
  }).filter((entry) => entry.at <= nowIso && !incident.done.includes(entry.key));
  const steps = due.filter((entry) => entry.label.startsWith("step"));
  const repeats = due.filter((entry) => !entry.label.startsWith("step"));
  const latest = repeats.at(-1);
  return { fire: latest ? [...steps, latest] : steps, skipped: repeats.slice(0, -1) };
}
