import type { SevbotConfig } from "../config/schema.js";
import { drillReminderKey, renderDrillReminder } from "../core/drill.js";
import { marker } from "../core/markers.js";
import type { Forge } from "../ports/forge.js";

const REMINDER_LABEL = "drill-reminder";

/**
 * Opens "time for a tabletop drill" in a tracker that has incident logs but no drill for too
 * long. Everything is read from the tracker; the marker makes it one issue per period.
 */
export async function remindDrillsIn(
  forge: Forge,
  repo: string,
  config: SevbotConfig,
  now: Date,
): Promise<boolean> {
  // Only trackers that keep incident logs get reminders, not every repository of an installation.
  if (!(await forge.findIssueByMarker(repo, config.tracker.logLabel, "<!-- sevbot:log-for ")))
    return false;
  const lastDrill = await forge.findIssueByMarker(repo, config.drills.label, "");
  const key = drillReminderKey(lastDrill?.createdAt, config.drills.reminderMonths, now);
  if (!key) return false;
  if (await forge.findIssueByMarker(repo, REMINDER_LABEL, marker(key))) return false;
  await forge.createIssue(repo, {
    title: "Time for a tabletop drill",
    body: `${renderDrillReminder(lastDrill?.createdAt, config.drills.reminderMonths)}\n\n${marker(key)}`,
    labels: [REMINDER_LABEL],
  });
  return true;
}
