import { findLogSource } from "../core/markers.js";
import { tickTrackers } from "../scheduler/scheduler.js";
import { remindDrillsIn } from "./drill-reminder.js";
import { openLogsIn } from "./tracker-fallback.js";
import { handleTick } from "./handle-tick.js";
import type { HandleEventDeps } from "./handle-event.js";
import { remindOverdueIn } from "./overdue-reminders.js";

export interface RepositoryPassOptions {
  /** The repository or project whose config names the tracker (its own, by default). */
  repo: string;
  /** Only incidents of this repository (the Action's token may read no other's config). */
  onlySource?: string;
  /** Incidents with due work handled in one pass; Sev-1 first. */
  maxIncidents?: number;
  onError: (where: string, error: unknown) => void;
}

/**
 * One scheduler pass from outside a server (the Action's `schedule`, `sevbot tick`): the
 * repository's tracker is read, every due escalation, status reminder and hand-over timeout is
 * handled through the same path as the server's tick, then the drill, post-mortem and follow-up
 * reminders. Everything it does is keyed in the incidents' ledgers or found by its marker, so a
 * second pass, or a server ticking beside it, repeats nothing. Returns the incident actions taken.
 */
export async function runRepositoryPass(
  deps: HandleEventDeps,
  options: RepositoryPassOptions,
): Promise<number> {
  const { config } = await deps.loadConfig(options.repo);
  const tracker = config.tracker.repository || options.repo;
  const isOurs = (body: string) =>
    options.onlySource === undefined ||
    findLogSource(body)?.repo.toLowerCase() === options.onlySource.toLowerCase();
  return tickTrackers(
    [
      {
        name: tracker,
        listOpenLogs: async () =>
          (await openLogsIn(deps.forge, tracker, config.tracker.logLabel, [options.repo])).filter(
            (log) => isOurs(log.body),
          ),
        tick: (log) => handleTick(deps, log),
        async remindDrills() {
          await remindDrillsIn(deps.forge, tracker, config, deps.clock.now());
          await remindOverdueIn(deps.forge, tracker, config, deps.clock.now());
        },
      },
    ],
    { maxIncidentsPerTracker: options.maxIncidents ?? 50, onError: options.onError },
  );
}
