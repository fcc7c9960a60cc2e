import { pino } from "pino";
import { Probot, Server } from "probot";
import { createGithubApp } from "./adapters/github/app.js";
import { createSevbotOctokit } from "./adapters/github/octokit.js";
import { createNotifiers } from "./adapters/notify/from-env.js";
import { createNotifierHub } from "./adapters/notify/hub.js";
import { createRuntime, type Logger, type Runtime } from "./app/runtime.js";
import { readServerSettings } from "./config/env.js";
import { acceleratedClock, systemClock } from "./ports/clock.js";

export interface RunningServer {
  server: Server;
  runtime: Runtime;
  stop(): Promise<void>;
}

/** Composition root: wires adapters to ports from the environment. No logic lives here. */
export async function startServer(env: Record<string, string | undefined>): Promise<RunningServer> {
  const settings = readServerSettings(env);
  const log = pino({ level: settings.logLevel, base: { name: "sevbot" } });
  const clock = settings.clockSpeed > 1 ? acceleratedClock(settings.clockSpeed, new Date(settings.clockEpoch ?? Date.now())) : systemClock;
  const hub = createNotifierHub(createNotifiers(settings.notifiers));
  const runtime = createRuntime(clock, pinoLogger(log), {}, (notification) => hub.send(notification), (name, topic) => hub.createWarRoom(name, topic));
  const server = new Server({
    host: settings.host,
    port: settings.port,
    log,
    Probot: Probot.defaults({
      appId: settings.appId,
      privateKey: settings.privateKey,
      secret: settings.webhookSecret,
      log,
      Octokit: createSevbotOctokit({ writeIntervalMs: settings.writeIntervalMs }),
      ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    }),
  });
  await server.load(createGithubApp({ runtime, configTtlMs: settings.configTtlMs, tickMs: settings.tickMs }));
  await server.start();
  return {
    server,
    runtime,
    async stop() {
      await server.stop();
    },
  };
}

function pinoLogger(log: pino.Logger): Logger {
  return {
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(message),
  };
}
