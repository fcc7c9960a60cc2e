import { generateKeyPairSync } from "node:crypto";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createGithubApp } from "../../src/adapters/github/app.js";
import { createRuntime, type Runtime } from "../../src/app/runtime.js";
import type { Clock } from "../../src/ports/clock.js";
import type { Scheduler } from "../../src/ports/event-queue.js";
import { afterEach, beforeEach, expect } from "vitest";
import { githubApi, type GithubApi } from "./github-api.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

/** Throttling and retries off, as DESIGN.md notes Probot requires (function form of defaults). */
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { ...(options.throttle as object), enabled: false },
  retry: { enabled: false },
}));

export interface TestApp {
  probot: Probot;
  runtime: Runtime;
  logs: string[];
  /** Delivers a webhook the way Probot's server would and waits until its work is done. */
  deliver(name: "issues" | "issue_comment", payload: object, id?: string): Promise<void>;
  idle(): Promise<void>;
}

export async function createTestApp(
  clock: Clock = { now: () => new Date("2026-11-22T14:00:00Z") },
  options: { configWaitMs?: number; tickMs?: number; scheduler?: Scheduler } = {},
): Promise<TestApp> {
  const logs: string[] = [];
  const log = {
    info: (m: string) => logs.push(`info ${m}`),
    warn: (m: string) => logs.push(`warn ${m}`),
    error: (m: string) => logs.push(`error ${m}`),
  };
  const runtime = createRuntime(clock, log, {
    tuning: { maxAttempts: 2, backoffMs: 1 },
    ...(options.scheduler ? { coordination: { scheduler: options.scheduler } } : {}),
  });
  const probot = new Probot({
    appId: 1,
    privateKey,
    secret: "test-secret",
    log: pino({ level: "silent" }),
    Octokit: TestOctokit as typeof ProbotOctokit,
  });
  const { scheduler, ...appOptions } = options;
  await probot.load(createGithubApp({ runtime, configTtlMs: 60_000, ...appOptions }));
  let counter = 0;
  return {
    probot,
    runtime,
    logs,
    async deliver(name, payload, id = `delivery-${++counter}`) {
      await probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);
      await runtime.events.idle();
    },
    idle: () => runtime.events.idle(),
  };
}

/**
 * A fresh app and GitHub API double for each test of the file, and after each test the check
 * that every request sevbot sent is valid for GitHub's OpenAPI description, was expected, and
 * that every expected request came. `onEach` hands the new pair to the file's variables.
 */
export function eachTestWithGithub(
  onEach: (pair: { api: GithubApi; app: TestApp }) => void,
  unmatchedMeans = "requests nobody mocked",
  appOptions: { configWaitMs?: number } = {},
): void {
  let api: GithubApi;
  beforeEach(async () => {
    api = githubApi();
    onEach({ api, app: await createTestApp(undefined, appOptions) });
  });
  afterEach(() => {
    const { invalid, unmatched, pending } = api.verify();
    expect(invalid, "requests that GitHub's OpenAPI description rejects").toEqual([]);
    expect(unmatched, unmatchedMeans).toEqual([]);
    expect(pending, "mocks never used").toEqual([]);
  });
}
