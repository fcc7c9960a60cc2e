import { runtimeDeps } from "../../app/runtime-deps.js";
import type { Probot } from "probot";
import { handleTick } from "../../app/handle-tick.js";
import type { HandleEventDeps } from "../../app/handle-event.js";
import type { Runtime } from "../../app/runtime.js";
import type { Tracker } from "../../scheduler/scheduler.js";
import type { ConfigCache } from "../../app/config-cache.js";
import { loadGithubConfig } from "./config-source.js";
import { createGithubForge, type GithubOctokit } from "./forge.js";
import { remindDrillsIn } from "../../app/drill-reminder.js";
import { remindOverdueIn } from "../../app/overdue-reminders.js";

/**
 * Every repository of every installation is a potential tracker: the scheduler lists its open
 * log issues (one request per repository per tick, no state kept in memory).
 */
export async function githubTrackers(
  app: Probot,
  runtime: Runtime,
  configCache: ConfigCache,
  drillChecks: Map<string, number> = new Map(),
  onError: (name: string, error: unknown) => void = () => undefined,
): Promise<Tracker[]> {
  const appOctokit = await app.auth();
  const installations = (await appOctokit.paginate("GET /app/installations", {
    per_page: 100,
  })) as Array<{ id: number }>;
  const trackers: Tracker[] = [];
  for (const installation of installations) {
    // One installation that cannot be read (suspended, token refused) never holds up the others.
    try {
      const octokit = (await app.auth(installation.id)) as GithubOctokit;
      const repos = (await octokit.paginate("GET /installation/repositories", {
        per_page: 100,
      })) as unknown as Array<{ full_name: string; private: boolean }>;
      for (const repo of repos)
        trackers.push(
          trackerFor(octokit, installation.id, repo, runtime, configCache, drillChecks),
        );
    } catch (error) {
      onError(`installation ${installation.id}`, error);
    }
  }
  return trackers;
}

function trackerFor(
  octokit: GithubOctokit,
  installationId: number,
  repo: { full_name: string; private: boolean },
  runtime: Runtime,
  configCache: ConfigCache,
  drillChecks: Map<string, number>,
): Tracker {
  const forge = createGithubForge(octokit, (name) => name === repo.full_name && repo.private);
  const loadConfig = (name: string) =>
    loadGithubConfig(octokit, name, configCache, performance.now());
  const deps: HandleEventDeps = {
    forge,
    loadConfig,
    ...runtimeDeps(runtime, { platform: "github", installationId, repoPrivate: repo.private }),
  };
  return {
    name: repo.full_name,
    async listOpenLogs() {
      const { config } = await loadConfig(repo.full_name);
      return forge.listOpenIssues(repo.full_name, config.tracker.logLabel);
    },
    tick: (log) => handleTick(deps, log),
    async remindDrills() {
      // Once a day per repository is plenty for drills, post-mortems and follow-ups; the checks read the tracker.
      const last = drillChecks.get(repo.full_name);
      if (last !== undefined && performance.now() - last < 86_400_000) return;
      drillChecks.set(repo.full_name, performance.now());
      const { config } = await loadConfig(repo.full_name);
      await remindDrillsIn(forge, repo.full_name, config, runtime.clock.now());
      await remindOverdueIn(forge, repo.full_name, config, runtime.clock.now());
    },
  };
}
