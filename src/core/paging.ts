import type { SevbotConfig } from "../config/schema.js";
import type { Action } from "./actions.js";
import type { Incident } from "./model.js";

/**
 * Whether PagerDuty was sent a trigger for this incident, so acknowledge and resolve go only
 * where there is something to acknowledge. The state records it (`paged`). Unknown (a state
 * from before it was recorded, or rebuilt): assumed paged when any policy pages, since a stray
 * acknowledge is dropped by PagerDuty while a missing one leaves people paged.
 */
export function wasPaged(incident: Incident, config: SevbotConfig): boolean {
  if (incident.drill) return false;
  if (incident.paged !== undefined) return incident.paged;
  return Object.values(config.escalation.policies).some((policy) =>
    policy.steps.some((step) => step.notify.page),
  );
}

/** Marks the incident paged once a decision sends a trigger (any notification with `page`). */
export function withPagesRecorded(
  incident: Incident | undefined,
  actions: Action[],
): Incident | undefined {
  if (!incident || incident.paged) return incident;
  const pages = actions.some(
    (action) =>
      action.kind === "notify" &&
      action.notification.targets.page &&
      (action.notification.kind === "declare" || action.notification.kind === "escalate"),
  );
  return pages ? { ...incident, paged: true } : incident;
}
