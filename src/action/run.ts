import { runtimeDeps } from "../app/runtime-deps.js";
import { readFileSync } from "node:fs";
import { clockFromSettings } from "../adapters/clock/from-settings.js";
import { loadGithubConfig } from "../adapters/github/config-source.js";
import { createGithubForge } from "../adapters/github/forge.js";
import { missingTokenForge, routedForge } from "../adapters/github/routed-forge.js";
import { tokenOctokit } from "../adapters/github/token-octokit.js";
import { translateGithubEvent, type GithubIssuePayload } from "../adapters/github/translate.js";
import { createConfigCache } from "../app/config-cache.js";
import { newEventJob, runEventJob } from "../app/event-jobs.js";
import type { HandleEventDeps } from "../app/handle-event.js";
import { runRepositoryPass } from "../app/repository-pass.js";
import { createOneShotRuntime } from "../app/one-shot.js";
import type { Runtime } from "../app/runtime.js";
import { SettingsError } from "../config/settings-error.js";
import { issueKey } from "../core/model.js";
import type { Clock } from "../ports/clock.js";
import { actionLogger } from "./log.js";
import { readActionSettings, type ActionSettings } from "./settings.js";

const WEBHOOK_EVENTS = new Set(["issues", "issue_comment"]);
const SCHEDULER_EVENTS = new Set(["schedule", "workflow_dispatch"]);

/**
 * sevbot as a GitHub Action: one workflow run handles one event the way the server handles one
 * webhook (same translation, same pipeline, same output), or, on `schedule` and
 * `workflow_dispatch`, runs one scheduler pass. Returns the step's exit code.
 */
export async function runAction(
  env: Record<string, string | undefined>,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const log = actionLogger(write);
  let settings: ActionSettings;
  let payload: GithubIssuePayload & { repository?: { private?: boolean } };
  let clock: Clock & { stop?(): void };
  try {
    settings = readActionSettings(env);
    payload = readPayload(settings.eventPath);
    clock = clockFromSettings(
      { clockSpeed: 1, ...(settings.clockFile ? { clockFile: settings.clockFile } : {}) },
      log.warn,
    );
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    log.error(`sevbot: ${error.message}`);
    return 1;
  }
  const { runtime, settle } = createOneShotRuntime(clock, log, settings.notifiers);
  const repoPrivate = payload.repository?.private === true;
  const deps = actionDeps(settings, runtime, repoPrivate, log.warn);
  // Events, and a notifier's final failure (a job for the incident's timeline), run here.
  runtime.events.handle("github", (job) => runEventJob(runtime, deps, job));
  try {
    if (WEBHOOK_EVENTS.has(settings.eventName)) await handleOne(settings, runtime, deps, payload);
    else if (SCHEDULER_EVENTS.has(settings.eventName)) {
      const actions = await runRepositoryPass(deps, {
        repo: settings.repository,
        onlySource: settings.repository,
        onError: (where, error) => log.error(`scheduler pass in ${where}: ${messageOf(error)}`),
      });
      log.info(`scheduler pass: ${actions} action(s)`);
    } else
      log.info(
        `sevbot handles issues, issue_comment, schedule and workflow_dispatch; ${settings.eventName} is left alone`,
      );
    await settle();
  } catch (error) {
    log.error(`sevbot: ${messageOf(error)}`);
  } finally {
    clock.stop?.();
  }
  return log.errors() > 0 ? 1 : 0;
}

async function handleOne(
  settings: ActionSettings,
  runtime: Runtime,
  deps: HandleEventDeps,
  payload: GithubIssuePayload,
): Promise<void> {
  if (!payload.issue || !payload.repository) {
    runtime.log.warn(`the ${settings.eventName} event carries no issue; nothing to do`);
    return;
  }
  const translation = translateGithubEvent(settings.eventName, payload);
  if (translation.kind === "ignored") return runtime.log.info(`ignored: ${translation.reason}`);
  const { event } = translation;
  await runtime.events.push(
    newEventJob(runtime, {
      id: `action_${issueKey(event.issue.ref)}_${event.kind}`,
      name: `${settings.eventName}.${payload.action} ${issueKey(event.issue.ref)}`,
      platform: "github",
      repoPrivate: payload.repository.private,
      event,
    }),
  );
}

/** The same dependencies as a server job, acting with the workflow's token(s). */
function actionDeps(
  settings: ActionSettings,
  runtime: Runtime,
  repoPrivate: boolean,
  warn: (message: string) => void,
): HandleEventDeps {
  const client = (token: string) =>
    tokenOctokit({
      token,
      baseUrl: settings.apiUrl,
      writeIntervalMs: settings.writeIntervalMs,
      warn,
    });
  const octokit = client(settings.token);
  const isPrivate = (name: string) => repoPrivate && name === settings.repository;
  const own = createGithubForge(octokit, isPrivate);
  const elsewhere = settings.trackerToken
    ? createGithubForge(client(settings.trackerToken))
    : missingTokenForge(
        (repo) =>
          `${repo} is another repository: the workflow's token reaches only ${settings.repository}. Give the Action a tracker-token that can write issues in ${repo}.`,
      );
  const forge = routedForge(own, elsewhere, settings.repository);
  const configCache = createConfigCache(60_000);
  return {
    forge,
    loadConfig: (name) =>
      loadGithubConfig(
        octokit,
        name,
        configCache,
        performance.now(),
        undefined,
        settings.configPath,
      ),
    ...runtimeDeps(runtime, { platform: "github", repoPrivate }),
    // A waiting run GitHub cancelled loses its event: each run first handles what was missed.
    catchUp: { note: (message) => runtime.log.info(message) },
    // Runs for the log issue and the scheduler are in other concurrency groups: no shared lock.
    guardLogWrites: true,
  };
}

function readPayload(path: string): GithubIssuePayload {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as GithubIssuePayload;
  } catch (error) {
    throw new SettingsError(`cannot read the event payload ${path}: ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
