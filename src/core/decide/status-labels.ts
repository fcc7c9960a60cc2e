import type { SevbotConfig } from "../../config/schema.js";
import type { Action } from "../actions.js";
import type { Incident, IncidentStatus } from "../model.js";

export function statusLabel(status: IncidentStatus, { statusLabels }: SevbotConfig): string {
  const byStatus: Record<IncidentStatus, string> = {
    declared: statusLabels.active,
    acknowledged: statusLabels.acknowledged,
    mitigated: statusLabels.mitigated,
    resolved: statusLabels.resolved,
  };
  return byStatus[status];
}

/** Keeps exactly one status label on the source issue. */
export function swapStatusLabel(
  incident: Incident,
  to: IncidentStatus,
  config: SevbotConfig,
): Action[] {
  const wanted = statusLabel(to, config);
  const stale = Object.values(config.statusLabels).filter((label) => label !== wanted);
  return [
    { kind: "remove-labels", key: `status-${to}-remove`, issue: incident.source, labels: stale },
    { kind: "add-labels", key: `status-${to}`, issue: incident.source, labels: [wanted] },
  ];
}
