import { loadGitlabConfig } from "../../src/adapters/gitlab/config-source.js";
import {
  translateGithubEvent,
  type GithubIssuePayload,
} from "../../src/adapters/github/translate.js";
import { createConfigCache } from "../../src/app/config-cache.js";
import { createLocalDeclarationTokens } from "../../src/app/declaration-tokens.js";
import { handleEvent, type HandleEventDeps } from "../../src/app/handle-event.js";
import { handleTick } from "../../src/app/handle-tick.js";
import { createKeyedMutex } from "../../src/app/keyed-mutex.js";
import { createPermissionCache } from "../../src/app/permission-cache.js";
import { EVENT_RETRY, isPermanentFailure } from "../../src/app/retry-policy.js";
import type { SevbotConfig } from "../../src/config/schema.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Permission } from "../../src/core/model.js";
import type { Notification } from "../../src/core/notification.js";
import { createGithubFormatter } from "../../src/sandbox/github-hooks.js";
import { createMutations } from "../../src/sandbox/mutations.js";
import {
  createStore,
  userFor,
  type SandboxIssue,
  type SandboxRepo,
  type SandboxStore,
} from "../../src/sandbox/store.js";
import { logIssueMarker } from "../../src/core/markers.js";
import type { WebhookSender } from "../../src/sandbox/webhooks.js";
import type { Runtime } from "../../src/app/runtime.js";
import { createMetrics, type SevbotMetrics } from "../../src/ops/metrics.js";
import { scheduleTicks, type Tracker } from "../../src/scheduler/scheduler.js";
import {
  ACTORS,
  AGENDA_ISSUE,
  CONFIG_PATH,
  CONFIG_VARIANTS,
  CONFIGURED,
  REPO,
  TRACKER,
  type ConfigVariant,
} from "./configs.js";
import { createMemoryForge, type FaultGate, type ForgeOp } from "./memory-forge.js";
import { createServices } from "./services.js";

export const START = Date.parse("2026-12-02T09:00:00.000Z");

/** A webhook's event as a job of the work queue: decided with the time it was accepted, on every attempt. */
export interface Job {
  event: DomainEvent;
  receivedAt: string;
  attempts: number;
  /** The config sevbot loaded in the job's last attempt (a 401 on the file gives the defaults). */
  config?: SevbotConfig;
  outcome?: "done" | "dropped" | "pending";
  error?: unknown;
  /** Every failure was an error the forge answered (injected); otherwise sevbot itself threw. */
  onlyForgeErrors: boolean;
  /** The first error sevbot raised itself, not the forge. */
  bug?: unknown;
}

export interface FaultBudget {
  op: ForgeOp | "any";
  status: number;
  afterWrite: boolean;
  count: number;
}

export interface NotificationRecord {
  at: number;
  notification: Notification;
  /** The drill participants of the config sevbot had loaded when it sent this (lower case). */
  participants: Set<string>;
}

/**
 * The app's real path in one process: the sandbox store as GitHub, its GitHub webhooks translated
 * by the GitHub adapter, `handleEvent` with a work queue's retries, the scheduler's trackers and
 * `handleTick`, and the real notifiers behind the real hub talking to fake services.
 */
export function createWorld() {
  let now = START;
  const store = { ...createStore(), now: () => new Date(now).toISOString() };
  const faults = {
    budgets: [] as FaultBudget[],
    outage: { steps: 0, status: 503 },
    fired: 0,
  };
  const gate: FaultGate = {
    check(op) {
      if (faults.outage.steps > 0) {
        faults.fired++;
        return { status: faults.outage.status, afterWrite: false };
      }
      const budget = faults.budgets.find(
        (entry) => entry.count > 0 && (entry.op === "any" || entry.op === op),
      );
      if (!budget) return undefined;
      budget.count--;
      faults.fired++;
      return { status: budget.status, afterWrite: budget.afterWrite };
    },
  };
  const jobs: Job[] = [];
  const history: Job[] = [];
  const hooks: WebhookSender = {
    deliveries: [],
    setUrl: () => undefined,
    idle: async () => undefined,
    enqueue(name, action, payload) {
      const translated = translateGithubEvent(name, {
        ...(payload as GithubIssuePayload),
        action,
      });
      if (translated.kind !== "event") return;
      const job: Job = {
        event: structuredClone(translated.event),
        receivedAt: new Date(now).toISOString(),
        attempts: 0,
        onlyForgeErrors: true,
      };
      jobs.push(job);
      history.push(job);
    },
  };
  const mutate = createMutations(
    store,
    createGithubFormatter(hooks, () => "https://github.example"),
  );
  const forge = createMemoryForge(store, mutate, gate);
  const services = createServices();
  const notifications: NotificationRecord[] = [];
  let sending = Promise.resolve();
  // Parsing a config costs about 1 ms: read it again after 5 model minutes, and at once after a change.
  let configCache = createConfigCache(5 * 60_000);
  /** The config sevbot last loaded per repository (a 401 on the file gives it the defaults). */
  const lastLoaded = new Map<string, SevbotConfig>();
  /** The job being attempted (jobs run one at a time). */
  let running: Job | undefined;
  const deps: HandleEventDeps = {
    forge,
    clock: { now: () => new Date(now) },
    mutex: createKeyedMutex(),
    permissions: createPermissionCache(),
    // As the runtime has them; no job here comes through ingress, so none mints: every
    // declaration searches, where earlier attempts opened logs and in today's tracker.
    declarations: createLocalDeclarationTokens(),
    loadConfig: async (repo, wait) => {
      const loaded = await loadGitlabConfig(forge, repo, configCache, now, wait);
      if (running) running.config = loaded.config;
      lastLoaded.set(repo, loaded.config);
      return loaded;
    },
    notify: (notification) => {
      const participants = lastLoaded.get(REPO)?.drills.participants ?? [];
      notifications.push({
        at: now,
        notification,
        participants: new Set(participants.map((user) => user.toLowerCase())),
      });
      sending = sending.then(() => services.send(notification));
      return sending;
    },
    createWarRoom: (name, topic) => services.createWarRoom(name, topic),
    // An event's 15 s wait for its config is spent at once: the defaults stand in during an outage
    // (and the real config arrives later), instead of the model sleeping in real time.
    configWaitMs: 0,
  };
  for (const name of [REPO, TRACKER]) createRepo(name);
  mutate.openIssue(repo(REPO), userFor(store, "ada"), {
    title: "Architecture meeting agenda",
    labels: ["meeting"],
  });
  if (repo(REPO).issues.get(AGENDA_ISSUE) === undefined) throw new Error("agenda issue missing");
  jobs.length = 0;
  history.length = 0;

  function createRepo(fullName: string) {
    const [owner = "", name = ""] = fullName.split("/");
    const collaborators = new Map<string, Permission>();
    for (const [login, permission] of Object.entries(ACTORS))
      if (permission !== "none") collaborators.set(login, permission);
    for (const login of CONFIGURED) collaborators.set(login, "write");
    for (const login of collaborators.keys()) userFor(store, login);
    userFor(store, "out");
    store.repos.set(fullName.toLowerCase(), {
      id: store.nextId(),
      owner,
      name,
      fullName,
      private: false,
      issues: new Map(),
      comments: [],
      labels: new Map(),
      files: new Map(),
      collaborators,
    });
  }

  function repo(name: string): SandboxRepo {
    return store.repos.get(name.toLowerCase())!;
  }

  let configText: string | undefined;
  /** When the config file last changed (the escalation policy may have changed with it). */
  let configChangedAt = -Infinity;
  function setConfig(variant: ConfigVariant) {
    if (configText !== CONFIG_VARIANTS[variant]) configChangedAt = now;
    configText = CONFIG_VARIANTS[variant];
    configCache = createConfigCache(5 * 60_000);
    if (configText === undefined) repo(REPO).files.delete(CONFIG_PATH);
    else repo(REPO).files.set(CONFIG_PATH, configText);
  }

  /** Whether each source issue's incident was declared as a drill, from the event that declared it. */
  const declaredAsDrill = new Map<number, boolean>();
  /** What had been sent before the incident was declared (a report's notice comes before). */
  const declaredAfter = new Map<number, { notifications: number; requests: number }>();

  /** One attempt of a job, as the work queue makes it; a failure is retried at the next step. */
  async function attempt(job: Job): Promise<void> {
    job.attempts++;
    running = job;
    const source = job.event.issue.ref.number;
    const before = logOf(store, source) !== undefined;
    const sent = { notifications: notifications.length, requests: services.requests.length };
    try {
      await handleEvent(deps, job.event, job.receivedAt);
      job.outcome = "done";
    } catch (error) {
      job.error = error;
      if (!isForgeError(error)) {
        job.onlyForgeErrors = false;
        job.bug ??= error;
      }
      job.outcome =
        isPermanentFailure(error) || job.attempts >= EVENT_RETRY.maxAttempts
          ? "dropped"
          : "pending";
    }
    running = undefined;
    if (!before && logOf(store, source) && !declaredAsDrill.has(source)) {
      declaredAsDrill.set(
        source,
        job.event.issue.labels.some((label) => label.toLowerCase() === "drill"),
      );
      declaredAfter.set(source, sent);
    }
  }

  /** Runs queued jobs until none is left; failed ones wait for the next step (the queue's backoff). */
  async function drain(): Promise<void> {
    const retry: Job[] = [];
    for (let guard = 0; jobs.length > 0 && guard < 1_000; guard++) {
      const job = jobs.shift()!;
      await attempt(job);
      if (job.outcome === "pending") retry.push(job);
    }
    jobs.push(...retry);
  }

  /**
   * Retries what failed before, then runs what the step caused. A scheduler pass ends its step, so
   * the invariants see the incidents as the pass left them.
   */
  async function step(action: () => void | Promise<void>, drainAfter = true): Promise<void> {
    await drain();
    await action();
    if (drainAfter) await drain();
    if (faults.outage.steps > 0) faults.outage.steps--;
  }

  /** What the scheduler logged as failed (it logs and goes on; nothing is thrown at it). */
  const schedulerErrors: unknown[] = [];
  /**
   * The scheduler's pass as `adapters/github/app.ts` registers it with `scheduleTicks`: list the
   * installations (a request that can fail like any other), then tick every repository's tracker.
   * `scheduleTicks` hands its work to `runtime.scheduler.every`; the model keeps it and runs it.
   */
  let schedulerPass: () => Promise<void> = async () => undefined;
  const runtime = {
    scheduler: {
      every: (_name: string, _ms: number, work: () => Promise<void>) => (schedulerPass = work),
      close: async () => undefined,
    },
    log: {
      info: () => undefined,
      warn: (message: string) => schedulerErrors.push(message),
      error: (message: string) => schedulerErrors.push(message),
    },
    metrics: sharedMetrics(),
  } as unknown as Runtime;
  scheduleTicks(runtime, "github", 60_000, async () => {
    const listed = gate.check("listInstallations");
    if (listed)
      throw Object.assign(new Error(`HTTP ${listed.status} on GET /app/installations`), {
        status: listed.status,
      });
    return [REPO, TRACKER].map((name): Tracker => ({
      name,
      async listOpenLogs() {
        const { config } = await deps.loadConfig(name);
        return forge.listOpenIssues(name, config.tracker.logLabel);
      },
      tick: (log) => handleTick(deps, log),
    }));
  });

  /** Pass outcomes: whether any request failed during it, and what ended the process if anything. */
  const ticks: Array<{
    at: number;
    clean: boolean;
    /** Source issues whose log existed when the pass began (the incidents it could tick). */
    logged: number[];
    /** The source repository's config as the pass loaded it. */
    config?: SevbotConfig;
    crashed?: unknown;
    errors: unknown[];
  }> = [];
  async function tick(): Promise<void> {
    const fired = faults.fired;
    lastLoaded.delete(REPO);
    const logged = [...repo(REPO).issues.keys()].filter((n) => logOf(store, n) !== undefined);
    const errors = schedulerErrors.length;
    let crashed: unknown;
    try {
      await schedulerPass();
    } catch (error) {
      crashed = error; // `every` runs the pass as `void work()`: a rejection ends the process
    }
    ticks.push({
      at: now,
      clean: faults.fired === fired,
      logged,
      ...(lastLoaded.has(REPO) ? { config: lastLoaded.get(REPO)! } : {}),
      ...(crashed ? { crashed } : {}),
      errors: schedulerErrors.slice(errors),
    });
  }

  return {
    store,
    ticks,
    tick,
    declaredAsDrill,
    declaredAfter,
    forge,
    mutate,
    faults,
    jobs,
    history,
    services,
    notifications,
    schedulerErrors,
    deps,
    repo,
    setConfig,
    step,
    attempt,
    drain,
    schedulerPass,
    get configText() {
      return configText;
    },
    get configChangedAt() {
      return configChangedAt;
    },
    get now() {
      return now;
    },
    advance(ms: number) {
      now += ms;
    },
    enqueue(job: Job) {
      jobs.push(job);
      history.push(job);
    },
  };
}

export type World = ReturnType<typeof createWorld>;

let metrics: SevbotMetrics | undefined;
/** One registry for every world: the scheduler counts its failures there. */
function sharedMetrics(): SevbotMetrics {
  return (metrics ??= createMetrics());
}

/** The log issue of a source issue in `acme/shop`, found by its marker as sevbot finds it. */
export function logOf(
  store: SandboxStore,
  source: number,
): { repo: SandboxRepo; issue: SandboxIssue } | undefined {
  const wanted = logIssueMarker({ platform: "github", repo: REPO, number: source });
  for (const repo of store.repos.values())
    for (const issue of repo.issues.values())
      if (issue.user.type === "Bot" && (issue.body ?? "").includes(wanted)) return { repo, issue };
  return undefined;
}

/** An error the (fake) forge answered, as opposed to one sevbot raised itself. */
export function isForgeError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { message, cause } = error as Error;
  return /^(HTTP \d+ on |network error on )/.test(message ?? "") || isForgeError(cause);
}
