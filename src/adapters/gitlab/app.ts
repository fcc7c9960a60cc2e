import { runtimeDeps } from "../../app/runtime-deps.js";
import { newEventJob, pushEventJob, runEventJob } from "../../app/event-jobs.js";
import type { HandleEventDeps } from "../../app/handle-event.js";
import type { Runtime } from "../../app/runtime.js";
import type { DomainEvent } from "../../core/events.js";
import { issueKey } from "../../core/model.js";
import { scheduleTicks } from "../../scheduler/scheduler.js";
import { createConfigCache } from "../../app/config-cache.js";
import { memoryKnownProjects, type KnownProjects } from "../../app/known-projects.js";
import type { GitlabApi } from "./client.js";
import { loadGitlabConfig } from "./config-source.js";
import { createGitlabForge } from "./forge.js";
import { createGitlabRoute } from "./route.js";
import { gitlabTrackers } from "./trackers.js";

export interface GitlabServiceOptions {
  runtime: Runtime;
  api: GitlabApi;
  webhookSecret: string;
  botUsername: string;
  configTtlMs: number;
  /** How long an event waits for an unreadable config before the defaults stand in (15 s). */
  configWaitMs?: number;
  /** Projects the scheduler ticks even before a webhook from them arrives. */
  projects: string[];
  /** Where the projects heard from are remembered: this process by default; Redis with replicas. */
  knownProjects?: KnownProjects;
  /** Scheduler tick interval; 0 turns the scheduler off. */
  tickMs?: number;
}

/**
 * GitLab through the same core: the webhook route verifies and dedupes, events go on the shared
 * work queue (Sev-1 first) and through `handleEvent`, the scheduler ticks the projects' trackers.
 */
export function createGitlabService(options: GitlabServiceOptions) {
  const { runtime, api } = options;
  const userIds = new Map<string, number>();
  const forge = createGitlabForge(api, {
    botUsername: options.botUsername,
    userIds,
    log: runtime.log.warn,
  });
  const configCache = createConfigCache(options.configTtlMs);
  const deps: HandleEventDeps = {
    forge,
    loadConfig: (project, wait) =>
      loadGitlabConfig(forge, project, configCache, performance.now(), wait),
    ...(options.configWaitMs === undefined ? {} : { configWaitMs: options.configWaitMs }),
    ...runtimeDeps(runtime, { platform: "gitlab" }),
  };
  const projects = options.knownProjects ?? memoryKnownProjects(options.projects);

  runtime.events.handle("gitlab", async (job) => {
    const { event } = job;
    projects.add(event.issue.ref.repo);
    if (event.actor.id !== undefined) userIds.set(event.actor.login, event.actor.id);
    await runEventJob(runtime, deps, job);
  });

  /** One update can carry several label changes: each is its own job, in order, with an id of its own. */
  async function dispatch(events: DomainEvent[], deliveryId: string): Promise<void> {
    for (const [index, event] of events.entries()) {
      projects.add(event.issue.ref.repo);
      await pushEventJob(
        runtime,
        newEventJob(runtime, {
          id: `gitlab_${deliveryId}_${index}`,
          name: `gitlab ${event.kind} ${issueKey(event.issue.ref)} (delivery ${deliveryId})`,
          platform: "gitlab",
          event,
        }),
      );
    }
  }

  const route = createGitlabRoute({
    secret: options.webhookSecret,
    dedupe: {
      claim: (id) => runtime.dedupe.claim(`gitlab:${id}`),
      release: async (id) => runtime.dedupe.release?.(`gitlab:${id}`),
      get duplicates() {
        return runtime.dedupe.duplicates;
      },
    },
    botUsername: options.botUsername,
    dispatch,
    onOutcome: (outcome) => {
      runtime.metrics.deliveries.inc({ platform: "gitlab", outcome });
      if (outcome === "duplicate") runtime.metrics.duplicatesDropped.inc({ platform: "gitlab" });
    },
    log: runtime.log.info,
  });
  const drillChecks = new Map<string, number>();
  if ((options.tickMs ?? 0) > 0) {
    scheduleTicks(runtime, "gitlab", options.tickMs!, async (onError) =>
      gitlabTrackers(await projects.list(), deps, runtime, drillChecks, onError),
    );
  }
  return { route, forge };
}
