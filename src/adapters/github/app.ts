import type { ApplicationFunction, Context } from "probot";
import { notifyInBackground } from "../../app/background-notify.js";
import { handleEvent, type HandleEventDeps } from "../../app/handle-event.js";
import type { Runtime } from "../../app/runtime.js";
import type { DomainEvent } from "../../core/events.js";
import { issueKey } from "../../core/model.js";
import { severityOfLabels } from "../../core/severity.js";
import { every, tickTrackers } from "../../scheduler/scheduler.js";
import { createConfigCache, loadGithubConfig } from "./config-source.js";
import { createInstallationClients } from "./installation-clients.js";
import { githubTrackers } from "./trackers.js";
import { createGithubForge } from "./forge.js";
import { translateGithubEvent, type GithubIssuePayload } from "./translate.js";

/** Schemes used only to order the queue before a repository's config is read. */
const PRIORITY_SCHEMES = ["severity::N", "sevN", "sev-N", "PN", "priority::N"];

export interface GithubAppOptions {
  runtime: Runtime;
  configTtlMs: number;
  /** Scheduler tick interval; 0 turns the scheduler off (tests drive ticks themselves). */
  tickMs?: number;
}

/** The Probot app: verify (Probot), dedupe, translate, enqueue, answer at once (principle 7). */
export function createGithubApp({ runtime, configTtlMs, tickMs = 0 }: GithubAppOptions): ApplicationFunction {
  return (app) => {
    const configCache = createConfigCache(configTtlMs);
    const clients = createInstallationClients();
    if (tickMs > 0) {
      const drillChecks = new Map<string, number>();
      every(tickMs, async () => {
        const trackers = await githubTrackers(app, runtime, configCache, drillChecks);
        await tickTrackers(trackers, { maxIncidentsPerTracker: 50, onError: (name, error) => runtime.log.warn(`tick of ${name} failed: ${(error as Error).message}`) });
      });
    }
    app.on(["issues", "issue_comment"], async (context) => {
      if (!runtime.dedupe.claim(context.id)) {
        runtime.log.info(`delivery ${context.id} already handled; ignoring the duplicate`);
        return;
      }
      const translation = translateGithubEvent(context.name, context.payload as unknown as GithubIssuePayload);
      if (translation.kind === "ignored") return;
      enqueue(context, translation.event);
    });

    function enqueue(context: Context<"issues" | "issue_comment">, event: DomainEvent) {
      // Only small values are captured below, never the context (see installation-clients.ts).
      const octokit = clients.reuse(context.payload.installation?.id, context.octokit);
      const { full_name: fullName, private: isPrivate } = context.payload.repository;
      const forge = createGithubForge(octokit, (repo) => repo === fullName && isPrivate);
      runtime.queue.push({
        name: `${context.name}.${context.payload.action} ${issueKey(event.issue.ref)} (delivery ${context.id})`,
        priority: severityOfLabels(event.issue.labels, PRIORITY_SCHEMES) ?? 5,
        run: async () => {
          const deps: HandleEventDeps = {
            forge,
            clock: runtime.clock,
            mutex: runtime.mutex,
            permissions: runtime.permissions,
            loadConfig: (repo) => loadGithubConfig(octokit, repo, configCache, performance.now()),
            notify: notifyInBackground(runtime, () => deps),
            createWarRoom: runtime.createWarRoom,
          };
          const outcome = await handleEvent(deps, event);
          if (outcome.kind === "handled") runtime.log.info(`${issueKey(event.issue.ref)}: ${event.kind} → ${outcome.actions} action(s)`);
        },
      });
    }
  };
}
