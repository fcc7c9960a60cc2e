import { runtimeDeps } from "../../app/runtime-deps.js";
import type { ApplicationFunction } from "probot";
import { runEventJob } from "../../app/event-jobs.js";
import type { HandleEventDeps } from "../../app/handle-event.js";
import type { Runtime } from "../../app/runtime.js";
import { scheduleTicks } from "../../scheduler/scheduler.js";
import { createConfigCache } from "../../app/config-cache.js";
import { loadGithubConfig } from "./config-source.js";
import { createInstallationClients } from "./installation-clients.js";
import { githubTrackers } from "./trackers.js";
import { createRepoInstallations } from "./repo-installation.js";
import { createGithubForge, type GithubOctokit } from "./forge.js";
import { acceptGithubDelivery, type GithubDelivery } from "./accept-delivery.js";

export interface GithubAppOptions {
  runtime: Runtime;
  configTtlMs: number;
  /** How long an event waits for an unreadable config before the defaults stand in (15 s). */
  configWaitMs?: number;
  /** Scheduler tick interval; 0 turns the scheduler off (tests drive ticks themselves). */
  tickMs?: number;
}

/** The Probot app: verify (Probot), dedupe, translate, enqueue, answer at once (principle 7). */
export function createGithubApp({
  runtime,
  configTtlMs,
  configWaitMs,
  tickMs = 0,
}: GithubAppOptions): ApplicationFunction {
  return (app) => {
    const configCache = createConfigCache(configTtlMs);
    const clients = createInstallationClients();
    if (tickMs > 0) {
      const drillChecks = new Map<string, number>();
      scheduleTicks(runtime, "github", tickMs, (onError) =>
        githubTrackers(app, runtime, configCache, drillChecks, onError),
      );
    }
    // Any replica may run a job: the installation's client comes from the job's data.
    const repoAccess = createRepoInstallations(app);
    runtime.events.handle("github", async (queued) => {
      // Work from outside GitHub (PagerDuty, Slack, alerts) names only the repository.
      const job =
        queued.installationId === undefined
          ? { ...queued, ...(await repoAccess(queued.event.issue.ref.repo)) }
          : queued;
      if (job.installationId === undefined) throw new Error(`${job.name}: no installation`);
      const octokit =
        clients.get(job.installationId) ??
        clients.reuse(job.installationId, (await app.auth(job.installationId)) as GithubOctokit);
      const repo = job.event.issue.ref.repo;
      const deps: HandleEventDeps = {
        forge: createGithubForge(octokit, (name) => name === repo && job.repoPrivate === true),
        loadConfig: (name, wait) =>
          loadGithubConfig(octokit, name, configCache, performance.now(), wait),
        ...(configWaitMs === undefined ? {} : { configWaitMs }),
        ...runtimeDeps(runtime, {
          platform: "github",
          installationId: job.installationId,
          repoPrivate: job.repoPrivate === true,
        }),
      };
      await runEventJob(runtime, deps, job);
    });
    app.on(["issues", "issue_comment"], async (context) => {
      const installationId = context.payload.installation?.id;
      // Probot made this delivery's client already: keep it for the installation's jobs.
      if (installationId !== undefined) clients.reuse(installationId, context.octokit);
      await acceptGithubDelivery(runtime, {
        id: context.id,
        name: context.name,
        payload: context.payload as unknown as GithubDelivery["payload"],
      });
    });
  };
}
