import type { ReportedIncident } from "./metrics.js";
import { SEVERITIES, type Incident, type Severity } from "./model.js";

/** What only the tracker knows about an incident's follow-through. */
export interface TrackedIncident extends ReportedIncident {
  /** The follow-up issue (root cause unknown at resolution) is closed. */
  followUpDone?: boolean;
  /** How many of the incident's `/action` issues are closed. */
  actionItemsDone?: number;
}

export interface Completion {
  done: number;
  total: number;
}

/** Incidents sharing a component or an error signature key, and how they were followed through. */
export interface RecurrenceGroup {
  key: string;
  incidents: number;
  firstAt: string;
  lastAt: string;
  worstSeverity: Severity;
  /** Mean minutes from declaration; undefined when none got there. */
  meanTimeToAcknowledge?: number;
  meanTimeToResolve?: number;
  followUps: Completion;
  actionItems: Completion;
}

export interface WeekCount {
  /** Monday of the week (ISO date). */
  week: string;
  bySeverity: Record<Severity, number>;
}

export interface RecurrenceReport {
  byComponent: RecurrenceGroup[];
  /** Only signature keys seen in two incidents or more: the recurring failures. */
  bySignature: RecurrenceGroup[];
  /** Error signature keys seen once (not listed). */
  singleSignatures: number;
  weekly: WeekCount[];
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

function mean(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

function group(key: string, members: TrackedIncident[]): RecurrenceGroup {
  const incidents = members.map((member) => member.incident);
  const declared = incidents.map((incident) => incident.declaredAt).sort();
  const since = (pick: (incident: Incident) => string | undefined) =>
    mean(
      incidents.flatMap((incident) => {
        const at = pick(incident);
        return at ? [minutesBetween(incident.declaredAt, at)] : [];
      }),
    );
  const withFollowUp = members.filter((member) => member.incident.links.followUp);
  return {
    key,
    incidents: members.length,
    firstAt: declared[0]!,
    lastAt: declared.at(-1)!,
    worstSeverity: Math.min(...incidents.map((incident) => incident.severity)) as Severity,
    meanTimeToAcknowledge: since((incident) => incident.acknowledgedAt),
    meanTimeToResolve: since((incident) => incident.resolvedAt),
    followUps: {
      done: withFollowUp.filter((member) => member.followUpDone).length,
      total: withFollowUp.length,
    },
    actionItems: {
      done: members.reduce((sum, member) => sum + (member.actionItemsDone ?? 0), 0),
      total: members.reduce((sum, member) => sum + (member.incident.actionItems?.length ?? 0), 0),
    },
  };
}

function groupBy(
  members: TrackedIncident[],
  keysOf: (incident: Incident) => string[],
): RecurrenceGroup[] {
  const groups = new Map<string, TrackedIncident[]>();
  for (const member of members)
    for (const key of new Set(keysOf(member.incident)))
      groups.set(key, [...(groups.get(key) ?? []), member]);
  return [...groups.entries()]
    .map(([key, list]) => group(key, list))
    .sort((a, b) => b.incidents - a.incidents || a.key.localeCompare(b.key));
}

/** Monday 00:00 UTC of the week holding `iso`. */
export function weekOf(iso: string): string {
  const day = new Date(iso);
  day.setUTCHours(0, 0, 0, 0);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** Every week from `since` to `until`, empty weeks included, so the chart's time axis is true. */
function weekly(members: TrackedIncident[], since: string, until: string): WeekCount[] {
  const weeks: WeekCount[] = [];
  const zero = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (
    let week = weekOf(since);
    week <= weekOf(until);
    week = new Date(Date.parse(week) + 7 * 86_400_000).toISOString().slice(0, 10)
  )
    weeks.push({ week, bySeverity: zero() });
  for (const { incident } of members) {
    const entry = weeks.find((candidate) => candidate.week === weekOf(incident.declaredAt));
    if (entry) entry.bySeverity[incident.severity]++;
  }
  return weeks;
}

/**
 * Which failures recur (by component, by error signature key), how they were followed through
 * (follow-ups and action items closed), MTTA and MTTR per group, and incidents per week by
 * severity. Over incidents declared in [since, until), drills excluded, as `computeReport`.
 */
export function computeRecurrence(
  reported: TrackedIncident[],
  since: string,
  until: string,
): RecurrenceReport {
  const members = reported.filter(
    ({ incident }) =>
      !incident.drill && incident.declaredAt >= since && incident.declaredAt < until,
  );
  const signatures = groupBy(members, (incident) => incident.signature ?? []);
  return {
    byComponent: groupBy(members, (incident) =>
      incident.components?.length ? incident.components : ["(no component)"],
    ),
    bySignature: signatures.filter((entry) => entry.incidents >= 2),
    singleSignatures: signatures.filter((entry) => entry.incidents < 2).length,
    weekly: weekly(members, since, until),
  };
}
