import { createServer, type Server as HttpServer } from "node:http";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { acceptGithubDelivery } from "./adapters/github/accept-delivery.js";
import { createGithubApp } from "./adapters/github/app.js";
import { createGithubWebhookRoute } from "./adapters/github/webhook-route.js";
import { createSevbotOctokit } from "./adapters/github/octokit.js";
import { guardIngress } from "./adapters/http/ingress-guard.js";
import { createNotifiers } from "./adapters/notify/from-env.js";
import type { RedisCoordination } from "./adapters/redis/coordination.js";
import type { WritePacer } from "./adapters/redis/write-pacer.js";
import { createNotifierHub } from "./adapters/notify/hub.js";
import type { NotificationOutcome } from "./ports/notifier.js";
import { sendNotification } from "./app/background-notify.js";
import { createRuntime, type Logger, type Runtime } from "./app/runtime.js";
import { readServerSettings, type GithubSettings, type ServerSettings } from "./config/env.js";
import { redisReady } from "./ops/checks.js";
import { observeGitlabResponse } from "./ops/fetch-metrics.js";
import { createMetrics, type SevbotMetrics } from "./ops/metrics.js";
import { countGithubRequests } from "./ops/octokit-metrics.js";
import { createOpsRoutes } from "./ops/routes.js";
import { SettingsError } from "./config/settings-error.js";
import { clockFromSettings } from "./adapters/clock/from-settings.js";
import { inboundRoutes } from "./inbound-routes.js";

export interface RunningServer {
  runtime: Runtime;
  stop(): Promise<void>;
}

type Handler = (
  req: import("node:http").IncomingMessage,
  res: import("node:http").ServerResponse,
) => Promise<boolean>;

/** Composition root: wires adapters to ports from the environment. No logic lives here. */
export async function startServer(env: Record<string, string | undefined>): Promise<RunningServer> {
  const settings = readServerSettings(env);
  const log = pino({ level: settings.logLevel, base: { name: "sevbot" } });
  const logger = pinoLogger(log);
  const clock = clockFromSettings(settings, logger.warn);
  const redisAdapters = settings.redisUrl ? await loadRedisAdapters() : undefined;
  const redis =
    redisAdapters && settings.redisUrl
      ? redisAdapters.createRedisCoordination(settings.redisUrl, logger, {
          concurrency: settings.workerConcurrency,
        })
      : undefined;
  const metrics = createMetrics();
  const observe = (notifier: string, outcome: NotificationOutcome) =>
    metrics.notifications.inc({ notifier, outcome });
  const hub = createNotifierHub(createNotifiers(settings.notifiers), {
    warn: logger.warn,
    observe,
    ...(redis && redisAdapters
      ? { ledger: redisAdapters.createRedisSentLedger(redis.redis, logger) }
      : {}),
  });
  const pacer =
    redisAdapters && settings.redisUrl && settings.github
      ? redisAdapters.createRedisWritePacer(settings.redisUrl, {
          intervalMs: settings.writeIntervalMs,
          log: logger,
        })
      : undefined;
  const runtime = createRuntime(clock, logger, {
    metrics,
    tuning: { concurrency: settings.workerConcurrency },
    notify: (notification) => hub.send(notification),
    createWarRoom: (name, topic) => hub.createWarRoom(name, topic),
    ...(redis && redisAdapters
      ? {
          coordination: {
            ...redis.coordination,
            memo: redisAdapters.createRedisSharedMemo(redis.redis, logger),
          },
        }
      : {}),
  });
  metrics.setQueueDepth(() => runtime.events.depth());
  redis?.startNotifications((job) =>
    sendNotification(runtime, job.notification, job.source, job.context),
  );
  const gitlab = settings.gitlab ? await startGitlab(settings, runtime, metrics, redis) : undefined;
  const ready = [
    ...(redis ? [redisReady(redis.redis)] : []),
    ...(settings.github ? [githubReady(settings.github, log)] : []),
    ...(gitlab ? [gitlab.ready] : []),
  ];
  const github = settings.github
    ? await startGithub(settings, log, runtime, metrics, pacer)
    : undefined;
  const handlers = [
    ...(github ? [github] : []),
    createOpsRoutes({ metrics, ready }),
    ...(gitlab ? [gitlab.route] : []),
    ...inboundRoutes(settings, runtime),
  ];
  const stopHttp = await startPlainServer(settings, handlers);
  log.info(
    `sevbot listening on ${settings.host}:${settings.port} for ${[settings.github && "GitHub (/api/github/webhooks)", gitlab && "GitLab (/api/gitlab/webhooks)"].filter(Boolean).join(" and ")}`,
  );
  return {
    runtime,
    async stop() {
      await stopHttp();
      await runtime.scheduler.close();
      await runtime.events.close();
      await redis?.close();
      await pacer?.close();
      clock.stop?.();
    },
  };
}

/**
 * Redis (BullMQ, ioredis) and GitLab (Gitbeaker) load only when configured: together they hold
 * about 25 MiB a GitHub-only replica without Redis never uses (docs/operations.md, *Memory*).
 */
async function loadRedisAdapters() {
  const [coordination, ledger, memo, pacer] = await Promise.all([
    import("./adapters/redis/coordination.js"),
    import("./adapters/redis/sent-ledger.js"),
    import("./adapters/redis/shared-memo.js"),
    import("./adapters/redis/write-pacer.js"),
  ]);
  return {
    createRedisCoordination: coordination.createRedisCoordination,
    createRedisSentLedger: ledger.createRedisSentLedger,
    createRedisSharedMemo: memo.createRedisSharedMemo,
    createRedisWritePacer: pacer.createRedisWritePacer,
  };
}

async function startGitlab(
  settings: ServerSettings,
  runtime: Runtime,
  metrics: SevbotMetrics,
  redis: RedisCoordination | undefined,
) {
  const gitlab = settings.gitlab!;
  const [{ createGitlabService }, { gitlabBotUsername }, { createGitlabClient }] =
    await Promise.all([
      import("./adapters/gitlab/app.js"),
      import("./adapters/gitlab/bot-user.js"),
      import("./adapters/gitlab/client.js"),
    ]);
  const api = createGitlabClient({
    host: gitlab.url,
    token: gitlab.token,
    notesPerMinute: gitlab.notesPerMinute,
    issuesPerMinute: gitlab.issuesPerMinute,
    observe: observeGitlabResponse(metrics),
  });
  let botUsername: string;
  try {
    botUsername = gitlab.botUsername ?? (await gitlabBotUsername(api));
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
  const knownProjects = redis
    ? (await import("./adapters/redis/known-projects.js")).createRedisKnownProjects(
        redis.redis,
        runtime.log,
        gitlab.projects,
      )
    : undefined;
  const service = createGitlabService({
    runtime,
    api,
    webhookSecret: gitlab.webhookSecret,
    botUsername,
    configTtlMs: settings.configTtlMs,
    projects: gitlab.projects,
    tickMs: settings.tickMs,
    ...(knownProjects ? { knownProjects } : {}),
  });
  return {
    ...service,
    ready: { name: "gitlab", check: async () => void (await api.Users.showCurrentUser()) },
  };
}

/** GitHub answers for the App itself (`GET /app` with its JWT): the key and the API host are right. */
function githubReady(github: GithubSettings, log: pino.Logger) {
  const probot = new Probot({
    appId: github.appId,
    privateKey: github.privateKey,
    log,
    ...(github.baseUrl ? { baseUrl: github.baseUrl } : {}),
  });
  return {
    name: "github",
    check: async () => void (await (await probot.auth()).request("GET /app")),
  };
}

/**
 * GitHub: Probot authenticates as the App and its installations (tokens, the config loader's
 * Octokit); webhooks come in through sevbot's own route (`webhook-route.ts`), which verifies and
 * queues without building a Probot context per delivery.
 */
async function startGithub(
  settings: ServerSettings,
  log: pino.Logger,
  runtime: Runtime,
  metrics: SevbotMetrics,
  pacer: WritePacer | undefined,
): Promise<Handler> {
  const github = settings.github!;
  const probot = new Probot({
    appId: github.appId,
    privateKey: github.privateKey,
    secret: github.webhookSecret,
    log,
    // With REDIS_URL, write pacing is shared by all replicas through sevbot's own Redis pacer (each
    // replica paces alone while Redis is away); Bottleneck's Redis clustering never recovered from
    // a Redis restart (ERR UNKNOWN_CLIENT on every write); see docs/operations.md.
    Octokit: createSevbotOctokit({
      writeIntervalMs: settings.writeIntervalMs,
      ...(pacer ? { pacer } : {}),
    }).plugin(countGithubRequests(metrics) as never) as typeof ProbotOctokit,
    ...(github.baseUrl ? { baseUrl: github.baseUrl } : {}),
  });
  await probot.load(
    createGithubApp({ runtime, configTtlMs: settings.configTtlMs, tickMs: settings.tickMs }),
  );
  return createGithubWebhookRoute({
    secret: github.webhookSecret,
    accept: (delivery) => acceptGithubDelivery(runtime, delivery),
    onRejected: () => metrics.deliveries.inc({ platform: "github", outcome: "rejected" }),
    log: (line) => log.warn(line),
  });
}

/** The HTTP server: sevbot's routes and `/ping` (as Probot answers it), nothing else. */
async function startPlainServer(
  settings: ServerSettings,
  handlers: Handler[],
): Promise<() => Promise<void>> {
  const server: HttpServer = createServer((req, res) => {
    void (async () => {
      for (const handler of handlers) if (await handler(req, res)) return;
      if (req.url === "/ping")
        return void res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ message: "Not found" }));
    })().catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500).end();
      process.stderr.write(`sevbot: ${error.message}\n`);
    });
  });
  guardIngress(server);
  await new Promise<void>((resolve) => server.listen(settings.port, settings.host, resolve));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

function pinoLogger(log: pino.Logger): Logger {
  return {
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(message),
  };
}
