import type { LoadedConfig } from "../config/load.js";
import { CONFIG_WAIT_MS, type ConfigWait } from "./config-cache.js";
import type { Action } from "../core/actions.js";
import { fnv1a } from "../core/codename.js";
import { decide } from "../core/decide.js";
import { applyArrivedConfig, markProvisional } from "../core/decide/config-arrived.js";
import type { DomainEvent } from "../core/events.js";
import { ignoreReason } from "../core/ignore.js";
import { isRelevant } from "../core/relevance.js";
import { reportAnswers } from "../core/issue-form.js";
import { findLogSource } from "../core/markers.js";
import { mapRemoteActor } from "../core/remote/actor.js";
import { issueKey, type Incident, type IssueRef } from "../core/model.js";
import type { Clock } from "../ports/clock.js";
import type { Notification } from "../core/notification.js";
import type { Forge } from "../ports/forge.js";
import type { WarRoom } from "../ports/notifier.js";
import { executeAndSave } from "./execute-and-save.js";
import {
  findEarlierLog,
  incidentFromLog,
  loadIncident,
  type LoadedIncident,
} from "./incident-store.js";
import type { DeclarationTokens } from "./declaration-tokens.js";
import type { KeyedMutex } from "./keyed-mutex.js";
import { namedPermissions } from "./named-permissions.js";
import type { PermissionCache } from "./permission-cache.js";
import { alertOnItsIssue } from "./alert-issue.js";
import { catchUp, type CatchUpOptions } from "./catch-up.js";
import { mayHideMissedEvents } from "../core/catch-up.js";
import { parseCommands } from "../core/commands/parse.js";
import type { SharedMemo } from "./shared-memo.js";
import { fallbackNotice, TrackerUnusable, withNotice, withoutTracker } from "./tracker-fallback.js";

export interface HandleEventDeps {
  forge: Forge;
  clock: Clock;
  mutex: KeyedMutex;
  permissions: PermissionCache;
  /**
   * Which declarations may skip the search for an earlier log issue, and where earlier attempts
   * opened theirs. Absent: every declaration searches, in today's tracker only.
   */
  declarations?: DeclarationTokens;
  /** With `wait`, an outage makes it wait at most that long, then stand in the defaults. */
  loadConfig: (repo: string, wait?: ConfigWait) => Promise<LoadedConfig>;
  /** How long an event waits for its config during an outage (from its receipt); 15 s. */
  configWaitMs?: number;
  /** Hands a notification to the notifiers in the background; absent when none is configured. */
  notify?: (notification: Notification, source: IssueRef) => void | Promise<void>;
  /** `notify` queues durably under a deterministic id (Redis): awaited before any forge write. */
  notifyDurably?: boolean;
  createWarRoom?: (name: string, topic: string) => Promise<WarRoom | undefined>;
  /** Facts shared by the replicas (which issue an alert group opened). */
  memo?: SharedMemo;
  /**
   * The Action only: GitHub may cancel a run waiting for its issue, so each run first handles what
   * the issue shows was missed (app/catch-up.ts). The server loses no events and pays nothing.
   */
  catchUp?: CatchUpOptions;
  /**
   * No lock is shared with other processes writing the same logs (the Action's runs, `sevbot
   * tick`): the log is read again before it is written, and a change since the load is retried.
   */
  guardLogWrites?: boolean;
}

export type Outcome =
  | { kind: "ignored"; reason: string }
  | { kind: "handled"; actions: number; incident: Incident | undefined };

/**
 * The one path every trigger takes (principle 4):
 * 1. skip what is not ours, 2. load config, 3. lock the incident, 4. load it from the tracker
 * (the Action: and first handle, 5 to 7 each, the events of runs GitHub cancelled), 5. decide,
 * 6. execute, 7. save.
 */
/**
 * `receivedAt` is when sevbot accepted the event (kept in the job): a retried job decides with the
 * same time, so it plans the same escalation keys as the attempt it replaces.
 */
export async function handleEvent(
  deps: HandleEventDeps,
  event: DomainEvent,
  receivedAt?: string,
): Promise<Outcome> {
  const ignored = ignoreReason(event);
  if (ignored && !deps.catchUp) return { kind: "ignored", reason: ignored };
  const loadedConfig = await deps.loadConfig(event.issue.ref.repo, configWait(deps, receivedAt));
  if (ignored && !mayHideMissedEvents(event, loadedConfig.config))
    return { kind: "ignored", reason: ignored };
  // An alert names a repository: its group's issue is found, or opened (and then declared).
  const target =
    event.kind === "alert" && event.issue.ref.number === 0
      ? await alertOnItsIssue(deps, event, loadedConfig.config)
      : { event, reason: "" };
  if (!target.event) return { kind: "ignored", reason: `alert: ${target.reason}` };
  return handleOnIssue(deps, target.event, loadedConfig, receivedAt);
}

async function handleOnIssue(
  deps: HandleEventDeps,
  event: DomainEvent,
  loadedConfig: LoadedConfig,
  receivedAt: string | undefined,
): Promise<Outcome> {
  const { config } = loadedConfig;
  if (!isRelevant(event, config) && !(deps.catchUp && mayHideMissedEvents(event, config))) {
    // On stand-in defaults, a label the repository's own config spells as a severity (`P1`)
    // looks like nothing: the job is retried until the config can be read, not dropped.
    if (loadedConfig.provisional)
      throw new Error(
        `cannot tell whether this event concerns an incident until the config of ${event.issue.ref.repo} can be read; will retry`,
      );
    return {
      kind: "ignored",
      reason: "no severity label, command or incident status on the issue",
    };
  }
  const resolved = await onSourceIssue(
    deps,
    event.kind === "remote-action" ? mapRemoteActor(event, config) : event,
  );
  // Only runs in the source issue's own concurrency group catch up (a log issue's are another).
  const catchesUp = deps.catchUp && issueKey(resolved.issue.ref) === issueKey(event.issue.ref);
  return deps.mutex.run(issueKey(resolved.issue.ref), async () => {
    const event = await withPermission(deps, resolved);
    const now = receivedAt ? new Date(receivedAt) : deps.clock.now();
    const load = () => loadIncident(deps.forge, event.issue, config, now);
    let loaded = await load();
    if (catchesUp)
      loaded = await catchUp(deps, event, config, loaded, async (missed, current) => {
        await decideAndSave(deps, await withPermission(deps, missed), loadedConfig, current, now);
        return load();
      });
    return decideAndSave(deps, event, loadedConfig, loaded, now);
  });
}

async function decideAndSave(
  deps: HandleEventDeps,
  event: DomainEvent,
  loadedConfig: LoadedConfig,
  found: LoadedIncident,
  now: Date,
): Promise<Outcome> {
  try {
    return await decideAndSaveIn(deps, event, loadedConfig, found, now);
  } catch (error) {
    if (!(error instanceof TrackerUnusable)) throw error;
    // A confidential incident's log never moves to a repository more people may read: dropped.
    const decided = decideOn(found.incident, event, loadedConfig, now).incident;
    if (error.tracker === event.issue.ref.repo || decided?.confidential !== false)
      throw error.cause;
    const notice = fallbackNotice(error, event.issue.ref);
    return decideAndSaveIn(deps, event, withoutTracker(loadedConfig), found, now, notice);
  }
}

/** Decides and executes, with the fallback's notice when the tracker was replaced. */
async function decideAndSaveIn(
  deps: HandleEventDeps,
  event: DomainEvent,
  loadedConfig: LoadedConfig,
  found: LoadedIncident,
  now: Date,
  notice?: Action,
): Promise<Outcome> {
  let loaded = found;
  let decided = decideOn(found.incident, event, loadedConfig, now);
  // No log reference on the issue: an earlier attempt may have opened the log all the same.
  const declaring = decided.actions.find((action) => action.kind === "create-log-issue");
  const earlier =
    !found.incident && declaring
      ? await findEarlierLog(deps.forge, deps.declarations, declaring, event.issue.ref, now)
      : undefined;
  if (earlier) {
    const { config } = loadedConfig;
    loaded = incidentFromLog(earlier, event.issue, found.sourceComments, config, now);
    decided = decideOn(loaded.incident, event, loadedConfig, now);
  }
  const actions = notice ? withNotice(decided.actions, notice) : decided.actions;
  const incident = await executeAndSave(deps, event, loaded, decided.incident, actions);
  return { kind: "handled", actions: actions.length, incident };
}

/** The config's arrival (after an incident ran on the defaults), then the event itself. */
function decideOn(
  incident: Incident | undefined,
  event: DomainEvent,
  loadedConfig: LoadedConfig,
  now: Date,
): { incident: Incident | undefined; actions: Action[] } {
  const { config, error } = loadedConfig;
  const context = { config, now: now.toISOString() };
  const arrived = loadedConfig.provisional
    ? { incident, actions: [] }
    : applyArrivedConfig(incident, event.issue.url, error, context);
  const decision = markProvisional(
    incident,
    decide(arrived.incident, event, config, now),
    loadedConfig.provisional === true,
  );
  return {
    incident: decision.incident,
    actions: [...configErrorActions(event, loadedConfig), ...arrived.actions, ...decision.actions],
  };
}

/** A command on a log issue acts on the incident of its source issue. */
async function onSourceIssue(deps: HandleEventDeps, event: DomainEvent): Promise<DomainEvent> {
  // A vendor names only the issue: what it looks like now comes from the forge.
  if (event.kind === "remote-action")
    return { ...event, issue: await deps.forge.getIssue(event.issue.ref) };
  if (event.kind !== "comment-created" && event.kind !== "comment-edited") return event;
  const source = findLogSource(event.issue.body);
  if (!source) return event;
  return { ...event, issue: await deps.forge.getIssue(source) };
}

/** Commands are checked against the commenter's permission from the API, never author_association. */
async function withPermission(deps: HandleEventDeps, event: DomainEvent): Promise<DomainEvent> {
  const needsPermission =
    ((event.kind === "comment-created" || event.kind === "comment-edited") &&
      parseCommands(event.comment.body).length > 0) ||
    (event.kind === "remote-action" && event.mapped === true) ||
    (event.kind === "issue-opened" &&
      (reportAnswers(event.issue.body).severity !== undefined ||
        /security/i.test(`${event.issue.labels.join(" ")} ${event.issue.title}`)));
  if (!needsPermission) return event;
  const { repo } = event.issue.ref;
  const permission = await deps.permissions.lookup(
    repo,
    event.actor.login,
    deps.clock.now().getTime(),
    () => deps.forge.permission(repo, event.actor.login, event.actor.id),
  );
  if (event.kind === "issue-opened") return { ...event, permission };
  const named = await namedPermissions(deps, event);
  return { ...event, permission, ...(Object.keys(named).length > 0 ? { named } : {}) };
}

/** The rest of the event's wait for its config: the time since its receipt is spent already. */
function configWait(deps: HandleEventDeps, receivedAt: string | undefined): ConfigWait {
  const total = deps.configWaitMs ?? CONFIG_WAIT_MS;
  const spent = receivedAt ? deps.clock.now().getTime() - Date.parse(receivedAt) : 0;
  return { budgetMs: total - Math.max(0, spent) };
}

/**
 * One comment per distinct config error, on the issue that triggered the event; a config that
 * could not be read is said once per issue, whatever the outage's words.
 */
function configErrorActions(event: DomainEvent, { error, provisional }: LoadedConfig): Action[] {
  if (!error) return [];
  return [
    {
      kind: "comment",
      key: provisional ? "config-unreadable" : `config-error-${fnv1a(error).toString(16)}`,
      issue: event.issue.ref,
      body: error,
    },
  ];
}
