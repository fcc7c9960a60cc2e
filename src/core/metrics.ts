import type { Incident, Severity } from "./model.js";
import { SEVERITIES } from "./model.js";

/** One incident as the report sees it, with what only the tracker knows (post-mortem closed?). */
export interface ReportedIncident {
  incident: Incident;
  postMortemDone: boolean;
}

export interface SeverityMetrics {
  severity: Severity;
  incidents: number;
  /** Mean minutes; undefined when no incident reached that milestone. */
  meanTimeToAcknowledge?: number;
  meanTimeToMitigate?: number;
  meanTimeToResolve?: number;
  /** Share of the status updates the cadence asked for that were posted (0..1). */
  statusUpdateCompliance?: number;
  /** Share of resolved incidents needing a post-mortem whose post-mortem is done (0..1). */
  postMortemCompletion?: number;
}

export interface Report {
  since: string;
  until: string;
  total: number;
  drillsExcluded: number;
  bySeverity: SeverityMetrics[];
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

function mean(values: number[]): number | undefined {
  return values.length === 0
    ? undefined
    : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Updates asked for: one per cadence period between acknowledgement and mitigation/resolution. */
function statusCompliance(
  incidents: Incident[],
  cadenceMinutes: number,
  until: string,
): number | undefined {
  if (cadenceMinutes <= 0) return undefined;
  let expected = 0;
  let posted = 0;
  for (const incident of incidents) {
    if (!incident.acknowledgedAt) continue;
    const end = incident.mitigatedAt ?? incident.resolvedAt ?? until;
    const due = Math.floor(minutesBetween(incident.acknowledgedAt, end) / cadenceMinutes);
    expected += due;
    posted += Math.min(
      due,
      incident.timeline.filter((entry) => entry.text.startsWith("Status: ")).length,
    );
  }
  return expected === 0 ? undefined : posted / expected;
}

/**
 * MTTA, time to mitigate, MTTR, status-update compliance and post-mortem completion per severity,
 * over incidents declared in [since, until). Drills are excluded from metrics.
 */
export function computeReport(
  reported: ReportedIncident[],
  since: string,
  until: string,
  cadence: Record<Severity, number>,
  postMortemSeverities: Severity[],
): Report {
  const inWindow = reported.filter(
    ({ incident }) => incident.declaredAt >= since && incident.declaredAt < until,
  );
  const real = inWindow.filter(({ incident }) => !incident.drill);
  const bySeverity = SEVERITIES.map((severity): SeverityMetrics => {
    const group = real.filter(({ incident }) => incident.severity === severity);
    const incidents = group.map((entry) => entry.incident);
    const durations = (pick: (incident: Incident) => string | undefined) =>
      mean(
        incidents.flatMap((incident) =>
          pick(incident) ? [minutesBetween(incident.declaredAt, pick(incident)!)] : [],
        ),
      );
    const needingPostMortem = group.filter(
      ({ incident }) => incident.status === "resolved" && postMortemSeverities.includes(severity),
    );
    return {
      severity,
      incidents: group.length,
      meanTimeToAcknowledge: durations((incident) => incident.acknowledgedAt),
      meanTimeToMitigate: durations((incident) => incident.mitigatedAt),
      meanTimeToResolve: durations((incident) => incident.resolvedAt),
      statusUpdateCompliance: statusCompliance(incidents, cadence[severity], until),
      postMortemCompletion:
        needingPostMortem.length === 0
          ? undefined
          : needingPostMortem.filter((entry) => entry.postMortemDone).length /
            needingPostMortem.length,
    };
  });
  return {
    since,
    until,
    total: real.length,
    drillsExcluded: inWindow.length - real.length,
    bySeverity,
  };
}

/** `90d`, `12w`, `6m` (30-day months) or an ISO date → the ISO instant that far back from `now`. */
export function parseSince(text: string, now: Date): string | undefined {
  const match = /^(\d+)([dwm])$/.exec(text.trim());
  if (match) {
    const days = Number(match[1]) * ({ d: 1, w: 7, m: 30 } as const)[match[2] as "d" | "w" | "m"];
    return new Date(now.getTime() - days * 86_400_000).toISOString();
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : new Date(date).toISOString();
}
