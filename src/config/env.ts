import { readFileSync } from "node:fs";
import { z } from "zod";
import type { NotifierSettings } from "../adapters/notify/from-env.js";
import { WORKER_CONCURRENCY } from "../app/work-queue.js";
import { GitlabEnv, readGitlabSettings, type GitlabSettings } from "./gitlab-env.js";
import { SettingsError } from "./settings-error.js";

/** Process settings, read once at start-up (the only place besides main.ts that sees the environment). */
export const ServerEnv = GitlabEnv.extend({
  APP_ID: z.string().regex(/^\d+$/, "must be the numeric App ID").optional(),
  PRIVATE_KEY: z.string().optional(),
  PRIVATE_KEY_PATH: z.string().optional(),
  WEBHOOK_SECRET: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  GHE_HOST: z.string().optional(),
  GHE_PROTOCOL: z.enum(["http", "https"]).default("https"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** Spacing of writes per installation; GitHub asks integrators to keep writes ≥ 1 s apart. */
  SEVBOT_WRITE_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  SEVBOT_CONFIG_TTL_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Webhook jobs one process runs at once, with or without Redis (docs/operations.md). */
  SEVBOT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(WORKER_CONCURRENCY),
  /** Notifiers: each exists when its settings do. */
  SLACK_WEBHOOK_URL: z.url().optional(),
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  SLACK_API_URL: z.url().optional(),
  SEVBOT_WEBHOOK_URL: z.url().optional(),
  SEVBOT_WEBHOOK_SECRET: z.string().min(1).optional(),
  PAGERDUTY_ROUTING_KEY: z.string().min(1).optional(),
  PAGERDUTY_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be smtp://… or smtps://…")
    .optional(),
  SMTP_FROM: z.string().min(1).optional(),
  /** PagerDuty V3 webhook subscription secret(s), comma-separated while rotating: turns the route on. */
  PAGERDUTY_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** PagerDuty's REST API for /page responder requests: a key, a user's e-mail (From) and id. */
  PAGERDUTY_API_TOKEN: z.string().min(1).optional(),
  PAGERDUTY_API_FROM: z.email().optional(),
  PAGERDUTY_REQUESTER_ID: z
    .string()
    .regex(/^P[A-Z0-9]{5,}$/, "must be a PagerDuty user id")
    .optional(),
  PAGERDUTY_API_URL: z.url().optional(),
  /** The Slack app's signing secret: turns on POST /api/slack/interactions (buttons, /sevbot). */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  /** Bearer token monitoring sends to POST /api/alerts/<source>: turns the route on. */
  SEVBOT_ALERTS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Where alerts open issues: owner/repo, or github:owner/repo / gitlab:group/project. */
  SEVBOT_ALERTS_REPOSITORY: z
    .string()
    .regex(
      /^(?:(?:github|gitlab):)?[\w.-]+(?:\/[\w.-]+)+$/,
      "must be owner/repo or gitlab:group/project",
    )
    .optional(),
  /** Several replicas: dedupe, locks, queue and scheduler on this Redis (redis://host:6379). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be redis://… or rediss://…")
    .optional(),
  /** Scheduler tick (escalations, reminders); 0 turns it off. */
  SEVBOT_TICK_SECONDS: z.coerce.number().min(0).default(60),
  /** For drills and tests only: simulated minutes pass this many times faster than real ones. */
  SEVBOT_CLOCK_SPEED: z.coerce.number().min(1).max(3600).default(1),
  /** With SEVBOT_CLOCK_SPEED: the real instant simulated time starts from (shared across restarts). */
  SEVBOT_CLOCK_EPOCH: z.iso.datetime({ offset: true }).optional(),
  /** For tests and drills only: the time is the ISO instant in this file, stepped by whoever rewrites it. */
  SEVBOT_CLOCK_FILE: z.string().min(1).optional(),
});

/** What a process that runs once (the Action, `sevbot tick`) reads: notifiers, pacing, the clock. */
export const OneShotEnv = ServerEnv.pick({
  LOG_LEVEL: true,
  SEVBOT_WRITE_INTERVAL_MS: true,
  SEVBOT_CLOCK_FILE: true,
  SLACK_WEBHOOK_URL: true,
  SLACK_BOT_TOKEN: true,
  SLACK_API_URL: true,
  SEVBOT_WEBHOOK_URL: true,
  SEVBOT_WEBHOOK_SECRET: true,
  PAGERDUTY_ROUTING_KEY: true,
  PAGERDUTY_URL: true,
  SMTP_URL: true,
  SMTP_FROM: true,
});

export interface GithubSettings {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  baseUrl?: string;
}

/** At least one platform is set up: GitHub (the App) unless only GitLab's variables are given. */
export interface ServerSettings {
  github?: GithubSettings;
  gitlab?: GitlabSettings;
  port: number;
  host: string;
  logLevel: z.infer<typeof ServerEnv>["LOG_LEVEL"];
  writeIntervalMs: number;
  /** Webhook jobs this process runs at once (the BullMQ worker's or the in-process queue's). */
  workerConcurrency: number;
  configTtlMs: number;
  tickMs: number;
  redisUrl?: string;
  notifiers: NotifierSettings;
  /** Routes that take events from outside the forge; each is on when its secret is set. */
  inbound: InboundSettings;
  clockSpeed: number;
  clockEpoch?: string;
  clockFile?: string;
}

export interface InboundSettings {
  pagerDutySecrets?: string[];
  slackSigningSecret?: string;
  alerts?: { token: string; repository: { platform: "github" | "gitlab"; repo: string } };
}

export { SettingsError };

export function readServerSettings(env: Record<string, string | undefined>): ServerSettings {
  const githubWanted = env.APP_ID !== undefined || env.GITLAB_TOKEN === undefined;
  if (githubWanted && !env.WEBHOOK_SECRET) {
    throw new SettingsError(
      "WEBHOOK_SECRET is not set. sevbot refuses to start without it: anyone could send it forged webhooks. Set it to the secret configured in your GitHub App's webhook settings.",
    );
  }
  const parsed = ServerEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
    throw new SettingsError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const values = parsed.data;
  const gitlab = readGitlabSettings(values);
  return {
    ...(githubWanted ? { github: readGithubSettings(values, env.WEBHOOK_SECRET ?? "") } : {}),
    ...(gitlab ? { gitlab } : {}),
    port: values.PORT,
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
    writeIntervalMs: values.SEVBOT_WRITE_INTERVAL_MS,
    workerConcurrency: values.SEVBOT_WORKER_CONCURRENCY,
    configTtlMs: values.SEVBOT_CONFIG_TTL_SECONDS * 1000,
    tickMs: values.SEVBOT_TICK_SECONDS * 1000,
    ...(values.REDIS_URL ? { redisUrl: values.REDIS_URL } : {}),
    notifiers: readNotifierSettings(values),
    inbound: dropUndefined({
      pagerDutySecrets: splitSecrets(values.PAGERDUTY_WEBHOOK_SECRET),
      slackSigningSecret: values.SLACK_SIGNING_SECRET,
      alerts: readAlertSettings(values, githubWanted ? "github" : "gitlab"),
    }),
    clockSpeed: values.SEVBOT_CLOCK_SPEED,
    ...(values.SEVBOT_CLOCK_EPOCH ? { clockEpoch: values.SEVBOT_CLOCK_EPOCH } : {}),
    ...(values.SEVBOT_CLOCK_FILE ? { clockFile: values.SEVBOT_CLOCK_FILE } : {}),
  };
}

/** The notifiers' settings, for the server and for the Action alike. */
export function readNotifierSettings(values: Partial<z.infer<typeof ServerEnv>>): NotifierSettings {
  return dropUndefined({
    slackWebhookUrl: values.SLACK_WEBHOOK_URL,
    slackBotToken: values.SLACK_BOT_TOKEN,
    slackApiUrl: values.SLACK_API_URL,
    webhookUrl: values.SEVBOT_WEBHOOK_URL,
    webhookSecret: values.SEVBOT_WEBHOOK_SECRET,
    pagerDutyRoutingKey: values.PAGERDUTY_ROUTING_KEY,
    pagerDutyUrl: values.PAGERDUTY_URL,
    smtpUrl: values.SMTP_URL,
    smtpFrom: values.SMTP_FROM,
    pagerDutyApi: readPagerDutyApi(values),
  });
}

function readGithubSettings(
  values: z.infer<typeof ServerEnv>,
  webhookSecret: string,
): GithubSettings {
  if (!values.APP_ID)
    throw new SettingsError(
      "APP_ID is not set: it is the numeric ID of your GitHub App (set GITLAB_TOKEN and GITLAB_WEBHOOK_SECRET instead to run for GitLab only).",
    );
  return {
    appId: Number(values.APP_ID),
    privateKey: readPrivateKey(values.PRIVATE_KEY, values.PRIVATE_KEY_PATH),
    webhookSecret,
    ...(values.GHE_HOST ? { baseUrl: `${values.GHE_PROTOCOL}://${values.GHE_HOST}/api/v3` } : {}),
  };
}

function readPagerDutyApi(
  values: Partial<z.infer<typeof ServerEnv>>,
): NotifierSettings["pagerDutyApi"] | undefined {
  const { PAGERDUTY_API_TOKEN: token, PAGERDUTY_API_FROM: from } = values;
  const requesterId = values.PAGERDUTY_REQUESTER_ID;
  if (!token && !from && !requesterId) return undefined;
  if (!token || !from || !requesterId)
    throw new SettingsError(
      "PAGERDUTY_API_TOKEN, PAGERDUTY_API_FROM and PAGERDUTY_REQUESTER_ID go together: a REST API key, the e-mail and the user id of the PagerDuty user /page acts as.",
    );
  return {
    token,
    from,
    requesterId,
    ...(values.PAGERDUTY_API_URL ? { url: values.PAGERDUTY_API_URL } : {}),
  };
}

function readAlertSettings(
  values: z.infer<typeof ServerEnv>,
  defaultPlatform: "github" | "gitlab",
): InboundSettings["alerts"] {
  const token = values.SEVBOT_ALERTS_TOKEN;
  const target = values.SEVBOT_ALERTS_REPOSITORY;
  if (!token && !target) return undefined;
  if (!token || !target)
    throw new SettingsError(
      "SEVBOT_ALERTS_TOKEN and SEVBOT_ALERTS_REPOSITORY go together: the token monitoring sends, and the repository (owner/repo, or gitlab:group/project) where alerts open issues.",
    );
  const match = /^(?:(github|gitlab):)?(.+)$/.exec(target)!;
  const platform = (match[1] as "github" | "gitlab" | undefined) ?? defaultPlatform;
  return { token, repository: { platform, repo: match[2]! } };
}

function splitSecrets(value: string | undefined): string[] | undefined {
  const secrets = (value ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
  return secrets.length > 0 ? secrets : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** PEM text, from the file, the variable as is, with `\n` escapes, or base64-encoded. */
function readPrivateKey(inline: string | undefined, path: string | undefined): string {
  if (path) return readFileSync(path, "utf8");
  if (!inline)
    throw new SettingsError(
      "PRIVATE_KEY or PRIVATE_KEY_PATH must be set to the GitHub App's private key.",
    );
  if (inline.includes("-----BEGIN")) return inline.replace(/\\n/g, "\n");
  const decoded = Buffer.from(inline, "base64").toString("utf8");
  if (decoded.includes("-----BEGIN")) return decoded;
  throw new SettingsError("PRIVATE_KEY is neither a PEM key nor base64 of one.");
}
