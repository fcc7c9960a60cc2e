import type { Incident, IncidentStatus } from "./model.js";

/**
 * The incident state machine: declared → acknowledged → mitigated → resolved, and reopen.
 * Acknowledging or mitigating may be skipped (a quick fix can resolve straight away).
 */
const ALLOWED: Record<IncidentStatus, readonly IncidentStatus[]> = {
  declared: ["acknowledged", "mitigated", "resolved"],
  acknowledged: ["mitigated", "resolved"],
  mitigated: ["resolved"],
  resolved: ["declared"],
};

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return ALLOWED[from].includes(to);
}

export type TransitionResult = { ok: true; incident: Incident } | { ok: false; reason: string };

/** Moves the incident to `to`, stamping the milestone and a timeline entry. */
export function transition(
  incident: Incident,
  to: IncidentStatus,
  actor: string,
  now: string,
  note?: string,
): TransitionResult {
  if (!canTransition(incident.status, to))
    return { ok: false, reason: `an incident that is ${incident.status} cannot become ${to}` };
  const next: Incident = { ...incident, status: to, ...milestone(incident, to, actor, now) };
  const text = `${describe(to)} by ${actor}${note ? `: ${note}` : ""}`;
  return {
    ok: true,
    incident: { ...next, timeline: [...incident.timeline, { at: now, text, actor }] },
  };
}

function milestone(
  incident: Incident,
  to: IncidentStatus,
  actor: string,
  now: string,
): Partial<Incident> {
  switch (to) {
    case "acknowledged":
      // Metrics come from the first acknowledgement; a reopened incident acknowledged again keeps it.
      return {
        acknowledgedAt: incident.acknowledgedAt ?? now,
        acknowledgedBy: incident.acknowledgedBy ?? actor,
        lead: incident.lead ?? actor,
        statusCadenceFrom: now,
      };
    case "mitigated":
      // Mitigated without an /ack first: the responders' status cadence starts here.
      return {
        mitigatedAt: now,
        ...(incident.status === "declared" ? { statusCadenceFrom: now } : {}),
      };
    case "resolved":
      return { resolvedAt: now };
    case "declared":
      return { resolvedAt: undefined, escalationStartedAt: now, statusCadenceFrom: now };
  }
}

function describe(to: IncidentStatus): string {
  switch (to) {
    case "acknowledged":
      return "Acknowledged";
    case "mitigated":
      return "Mitigated";
    case "resolved":
      return "Resolved";
    case "declared":
      return "Reopened";
  }
}
