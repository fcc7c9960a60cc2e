import type { SevbotConfig } from "../config/schema.js";
import type { Incident } from "./model.js";

type Policy = SevbotConfig["escalation"]["policies"][1];
export type NotifyTarget = Policy["steps"][number]["notify"];

export interface PlannedEscalation {
  key: string;
  at: string;
  label: string;
  notify: NotifyTarget;
}

/** Every step and repeat of a policy from `startedAt`, in order (bounded by `maxRepeats`). */
export function escalationPlan(policy: Policy, startedAt: string): PlannedEscalation[] {
  const start = Date.parse(startedAt);
  const prefix = `esc-${Math.floor(start / 60_000)}`;
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
  return plan;
}

export interface DueEscalations {
  fire: PlannedEscalation[];
  /** Repeats missed while sevbot was down: recorded as done without notifying again. */
  skipped: PlannedEscalation[];
}

/**
 * Level-triggered: recomputed from the stored state on every tick, so a restart loses nothing.
 * Escalation runs only until someone acknowledges (or the incident is resolved). Missed steps all
 * fire (they reach different people); of missed repeats only the latest fires.
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
  const due = escalationPlan(policy, incident.escalationStartedAt).filter(
    (entry) => entry.at <= nowIso && !incident.done.includes(entry.key),
  );
  const steps = due.filter((entry) => !entry.label.startsWith("repeat"));
  const repeats = due.filter((entry) => entry.label.startsWith("repeat"));
  const latest = repeats.at(-1);
  return { fire: latest ? [...steps, latest] : steps, skipped: repeats.slice(0, -1) };
}
