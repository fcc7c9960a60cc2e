import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGitlabService } from "../../src/adapters/gitlab/app.js";
import { createGitlabClient } from "../../src/adapters/gitlab/client.js";
import { DEFAULT_RETRY } from "../../src/adapters/gitlab/requester.js";
import { createRuntime, type Runtime } from "../../src/app/runtime.js";
import type { Scheduler } from "../../src/ports/event-queue.js";
import { every } from "../../src/scheduler/scheduler.js";
import { githubApi } from "../helpers/github-api.js";
import { createTestApp } from "../helpers/github-app.js";

/** Keeps the scheduled passes so the test runs them itself, one tick at a time. */
function capturingScheduler(): Scheduler & { passes: Map<string, () => Promise<void>> } {
  const passes = new Map<string, () => Promise<void>>();
  return {
    passes,
    every: (name, _intervalMs, work) => void passes.set(name, work),
    close: async () => undefined,
  };
}

async function failures(runtime: Runtime): Promise<string[]> {
  const text = await runtime.metrics.registry.metrics();
  return text.split("\n").filter((line) => line.startsWith("sevbot_scheduler_failures_total{"));
}

describe("a failing GitHub scheduler pass neither crashes nor stops the schedule", () => {
  afterEach(async () => {
    const nock = (await import("nock")).default;
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it.each([
    [401, { message: "Bad credentials" }],
    [503, { message: "Service Unavailable" }],
  ])(
    "GET /app/installations answering %i: logged, counted, and the next tick runs",
    async (status, body) => {
      const api = githubApi();
      const scheduler = capturingScheduler();
      const app = await createTestApp(undefined, { tickMs: 60_000, scheduler });
      const pass = scheduler.passes.get("tick:github")!;
      api.reply("GET", (uri) => uri.startsWith("/app/installations"), status, body);
      await expect(pass()).resolves.toBeUndefined();
      expect(await failures(app.runtime)).toEqual([
        'sevbot_scheduler_failures_total{platform="github",stage="pass"} 1',
      ]);
      expect(app.logs.join("\n")).toMatch(
        new RegExp(
          `error scheduler \\(github\\): listing the trackers failed \\(HTTP ${status}\\)`,
        ),
      );
      // The next tick lists again, and this time there is nothing wrong.
      api.reply("GET", (uri) => uri.startsWith("/app/installations"), 200, []);
      await expect(pass()).resolves.toBeUndefined();
      expect(await failures(app.runtime)).toEqual([
        'sevbot_scheduler_failures_total{platform="github",stage="pass"} 1',
      ]);
      const { invalid, unmatched, pending } = api.verify();
      expect([...invalid, ...unmatched, ...pending]).toEqual([]);
    },
  );
});

describe("a failing GitLab scheduler pass neither crashes nor stops the schedule", () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  /** A GitLab that answers 503 to everything, counting the requests. */
  async function unavailableGitlab(): Promise<{ url: string; requests: string[] }> {
    const requests: string[] = [];
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(503, { "content-type": "application/json" }).end('{"message":"503"}');
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
  }

  function service(
    url: string,
    knownProjects?: Parameters<typeof createGitlabService>[0]["knownProjects"],
  ) {
    const logs: string[] = [];
    const scheduler = capturingScheduler();
    const runtime = createRuntime(
      { now: () => new Date("2026-11-22T14:00:00Z") },
      { info: () => undefined, warn: () => undefined, error: (m) => void logs.push(m) },
      { coordination: { scheduler } },
    );
    createGitlabService({
      runtime,
      api: createGitlabClient({
        host: url,
        token: "t",
        retry: { ...DEFAULT_RETRY, maxAttempts: 2, backoffMs: 1, sleep: async () => undefined },
      }),
      webhookSecret: "s",
      botUsername: "sevbot",
      configTtlMs: 60_000,
      projects: ["acme/shop", "acme/api"],
      tickMs: 60_000,
      ...(knownProjects ? { knownProjects } : {}),
    });
    return { runtime, logs, pass: scheduler.passes.get("tick:gitlab")! };
  }

  it("503 past the requester's retries: each project is counted, the pass ends normally", async () => {
    const gitlab = await unavailableGitlab();
    const { runtime, logs, pass } = service(gitlab.url);
    await expect(pass()).resolves.toBeUndefined();
    expect(await failures(runtime)).toEqual([
      'sevbot_scheduler_failures_total{platform="gitlab",stage="tracker"} 2',
    ]);
    expect(logs[0]).toMatch(/scheduler \(gitlab\): tick of gitlab:acme\/shop failed/);
    const before = gitlab.requests.length;
    expect(before).toBeGreaterThanOrEqual(4);
    await expect(pass()).resolves.toBeUndefined();
    expect(gitlab.requests.length).toBeGreaterThan(before);
  });

  it("the projects cannot even be listed (Redis away): counted as a failed pass", async () => {
    const gitlab = await unavailableGitlab();
    const { runtime, pass } = service(gitlab.url, {
      add: () => undefined,
      list: async () => {
        throw new Error("Connection is closed.");
      },
    });
    await expect(pass()).resolves.toBeUndefined();
    expect(await failures(runtime)).toEqual([
      'sevbot_scheduler_failures_total{platform="gitlab",stage="pass"} 1',
    ]);
  });
});

describe("every", () => {
  it("a pass that rejects anyway leaves no unhandled rejection and runs again", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    let runs = 0;
    const timer = every(5, async () => {
      runs++;
      throw new Error("boom");
    });
    // Bounded: under a busy machine the 5 ms timer may fire late, never forever.
    for (const deadline = Date.now() + 3_000; runs < 3 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 10));
    timer.stop();
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off("unhandledRejection", onUnhandled);
    expect(unhandled).toEqual([]);
    expect(runs).toBeGreaterThanOrEqual(3);
  });
});
