import type { SevbotConfig } from "../config/schema.js";
import type { Incident } from "./model.js";
import { formatDuration } from "./render/format.js";

/** During a drill, only its participants are mentioned or messaged. */
export function onlyDrillParticipants(
  incident: Incident,
  people: string[],
  config: SevbotConfig,
): string[] {
  if (!incident.drill) return people;
  const allowed = new Set(config.drills.participants.map((user) => user.toLowerCase()));
  return people.filter((user) => allowed.has(user.toLowerCase()));
}

/**
 * Labels of an issue sevbot opens for an incident. A drill's carry the drill label and only the
 * first configured one (what sevbot finds them by): never a real priority such as `priority::high`.
 */
export function labelsFor(incident: Incident, labels: string[], config: SevbotConfig): string[] {
  if (!incident.drill) return labels;
  return [...new Set([...labels.slice(0, 1), config.drills.label])];
}

export interface DrillReport {
  timeToAcknowledge?: string;
  timeToResolve?: string;
  missed: string[];
}

/** What a drill showed: how fast the team acknowledged and which steps of the process were missed. */
export function drillReport(incident: Incident, config: SevbotConfig): DrillReport {
  const missed: string[] = [];
  if (!incident.acknowledgedAt) missed.push("nobody acknowledged (`/ack`)");
  if (!incident.lead) missed.push("no Incident Lead was named");
  const cadence = config.escalation.statusEvery[incident.severity];
  if (cadence > 0 && !incident.timeline.some((entry) => entry.text.startsWith("Status: ")))
    missed.push("no status update (`/status`)");
  if (incident.done.some((key) => key.includes("/status-reminder-")))
    missed.push("a status update was overdue (sevbot had to remind)");
  if (incident.status !== "resolved") missed.push("the incident was not resolved");
  else if (!incident.rootCause?.known && !incident.links.followUp)
    missed.push("root cause unknown and no follow-up opened");
  return {
    ...(incident.acknowledgedAt
      ? { timeToAcknowledge: formatDuration(incident.declaredAt, incident.acknowledgedAt) }
      : {}),
    ...(incident.resolvedAt
      ? { timeToResolve: formatDuration(incident.declaredAt, incident.resolvedAt) }
      : {}),
    missed,
  };
}

export function renderDrillReport(title: string, report: DrillReport): string {
  return [
    `## Drill report: ${title}`,
    "",
    `- Time to acknowledge: ${report.timeToAcknowledge ?? "never"}`,
    `- Time to resolve: ${report.timeToResolve ?? "not resolved"}`,
    report.missed.length === 0
      ? "- Steps missed: none 🎉"
      : `- Steps missed:\n${report.missed.map((step) => `  - ${step}`).join("\n")}`,
  ].join("\n");
}

/**
 * Seed 003 asks for tabletop exercises at least twice a year: a reminder is due when the last
 * drill is older than `months`, or there never was one. Keyed per half-year, so at most one
 * reminder issue is opened per period.
 */
export function drillReminderKey(
  lastDrillAt: string | undefined,
  months: number,
  now: Date,
): string | undefined {
  if (months <= 0) return undefined;
  const key = `drill-reminder-${now.getUTCFullYear()}-h${now.getUTCMonth() < 6 ? 1 : 2}`;
  if (!lastDrillAt) return key;
  const dueAt = new Date(lastDrillAt);
  dueAt.setUTCMonth(dueAt.getUTCMonth() + months);
  return now < dueAt ? undefined : key;
}

export function renderDrillReminder(lastDrillAt: string | undefined, months: number): string {
  return [
    `No tabletop drill has been held ${lastDrillAt ? `since ${lastDrillAt.slice(0, 10)}` : "yet"} (the goal is one at least every ${months} months).`,
    "",
    "- [ ] Pick a scenario (`scenarios/` has examples) and the participants",
    "- [ ] Run it: `sevbot drill <scenario>` on the sandbox, or label a practice issue `drill`",
    "- [ ] Go through the drill report: time to acknowledge, steps missed",
    "- [ ] Record the lessons in the incident log",
  ].join("\n");
}
