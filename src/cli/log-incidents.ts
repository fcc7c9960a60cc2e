import { incidentFromLog } from "../app/handle-tick.js";
import type { SevbotConfig } from "../config/schema.js";
import { drillReport, renderDrillReport } from "../core/drill.js";
import type { Incident } from "../core/model.js";
import type { Remote } from "./remote.js";

/** The incidents kept in a tracker's log issues (open and closed) updated since `since`. */
export async function readIncidents(
  remote: Remote,
  tracker: string,
  config: SevbotConfig,
  since: string,
): Promise<Incident[]> {
  const logs = await remote.listIssues(tracker, config.tracker.logLabel, since);
  return logs.flatMap((log) => incidentFromLog(log) ?? []);
}

/** A drill report per drill incident, or why there is none. */
export function renderDrillReports(incidents: Incident[], config: SevbotConfig): string[] {
  const drills = incidents
    .filter((incident) => incident.drill)
    .sort((a, b) => a.declaredAt.localeCompare(b.declaredAt));
  if (drills.length === 0)
    return ["## Drill report\n\nNo incident was declared: the severity label was never applied."];
  return drills.map((incident) => renderDrillReport(incident.title, drillReport(incident, config)));
}
