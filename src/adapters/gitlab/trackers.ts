import { remindDrillsIn } from "../../app/drill-reminder.js";
import { handleTick } from "../../app/handle-tick.js";
import type { HandleEventDeps } from "../../app/handle-event.js";
import { remindOverdueIn } from "../../app/overdue-reminders.js";
import { openLogsIn } from "../../app/tracker-fallback.js";
import type { Runtime } from "../../app/runtime.js";
import type { Tracker } from "../../scheduler/scheduler.js";

/**
 * The trackers of the known projects (their own, or the one their config names), each once.
 * Open log issues are listed on every tick, so what is due is read from GitLab, never remembered.
 */
export async function gitlabTrackers(
  projects: string[],
  deps: HandleEventDeps,
  runtime: Runtime,
  drillChecks: Map<string, number>,
  onError: (name: string, error: unknown) => void = () => undefined,
): Promise<Tracker[]> {
  // Each tracker with the projects whose config names it (their logs, if it cannot be used).
  const trackers = new Map<string, { logLabel: string; sources: string[] }>();
  for (const project of projects) {
    // A project whose config cannot be read yet is skipped this time; the others are ticked.
    try {
      const { config } = await deps.loadConfig(project);
      const tracker = config.tracker.repository || project;
      const entry = trackers.get(tracker) ?? { logLabel: config.tracker.logLabel, sources: [] };
      trackers.set(tracker, { ...entry, sources: [...entry.sources, project] });
    } catch (error) {
      onError(`gitlab:${project}`, error);
    }
  }
  return [...trackers].map(([tracker, { logLabel, sources }]) => ({
    name: `gitlab:${tracker}`,
    listOpenLogs: () => openLogsIn(deps.forge, tracker, logLabel, sources),
    tick: (log) => handleTick(deps, log),
    async remindDrills() {
      // Once a day per tracker is plenty for drills, post-mortems and follow-ups.
      const last = drillChecks.get(tracker);
      if (last !== undefined && performance.now() - last < 86_400_000) return;
      drillChecks.set(tracker, performance.now());
      const { config } = await deps.loadConfig(tracker);
      await remindDrillsIn(deps.forge, tracker, config, runtime.clock.now());
      await remindOverdueIn(deps.forge, tracker, config, runtime.clock.now());
    },
  }));
}
