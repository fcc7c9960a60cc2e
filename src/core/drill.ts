import type { SevbotConfig } from "../config/schema.js";
import type { Incident } from "./model.js";
import { formatDuration } from "./render/format.js";

/** During a drill, only its participants are mentioned or messaged. */
export function onlyDrillParticipants(incident: Incident, people: string[], config: SevbotConfig): string[] {
  if (!incident.drill) return people;
  const allowed = new Set(config.drills.participants.map((user) => user.toLowerCase()));
  return people.filter((user) => allowed.has(user.toLowerCase()));
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
  if (cadence > 0 && !incident.timeline.some((entry) => entry.text.startsWith("Status: "))) missed.push("no status update (`/status`)");
  if (incident.done.some((key) => key.includes("/status-reminder-"))) missed.push("a status update was overdue (sevbot had to remind)");
  if (incident.status !== "resolved") missed.push("the incident was not resolved");
  else if (!incident.rootCause?.known && !incident.links.followUp) missed.push("root cause unknown and no follow-up opened");
  return {
    ...(incident.acknowledgedAt ? { timeToAcknowledge: formatDuration(incident.declaredAt, incident.acknowledgedAt) } : {}),
    ...(incident.resolvedAt ? { timeToResolve: formatDuration(incident.declaredAt, incident.resolvedAt) } : {}),
    missed,
  };
}

export function renderDrillReport(title: string, report: DrillReport): string {
  return [
    `## Drill report: ${title}`,
    "",
    `- Time to acknowledge: ${report.timeToAcknowledge ?? "never"}`,
    `- Time to resolve: ${report.timeToResolve ?? "not resolved"}`,
    report.missed.length === 0 ? "- Steps missed: none 🎉" : `- Steps missed:\n${report.missed.map((step) => `  - ${step}`).join("\n")}`,
  ].join("\n");
}
