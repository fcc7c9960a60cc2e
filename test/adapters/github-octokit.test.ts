import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { concurrencyGroup, retryLimiter } from "../../src/adapters/github/light-limiters.js";
import { pino } from "pino";
import { Probot, type ProbotOctokit } from "probot";
import { createSevbotOctokit } from "../../src/adapters/github/octokit.js";
import { testPrivateKey } from "../../src/scenario/server-process.js";
import { listen } from "../ops/helpers.js";

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe("the throttling plugin's limiters, without Bottleneck's timers", () => {
  it("runs at most N tasks of one key at once, the rest in arrival order; another key does not wait", async () => {
    const group = concurrencyGroup(3);
    let running = 0;
    let most = 0;
    const started: string[] = [];
    const releases: Array<() => void> = [];
    const task = (name: string) => () => {
      started.push(name);
      most = Math.max(most, ++running);
      return new Promise<string>((resolve) => releases.push(() => (running--, resolve(name))));
    };
    const done = Array.from({ length: 7 }, (_, index) =>
      group.key("42").schedule({}, task(`a${index}`)),
    );
    const other = group.key("7").schedule({}, async (value: string) => value, "b");
    expect(await other).toBe("b");
    expect(started).toEqual(["a0", "a1", "a2"]);
    while (releases.length > 0) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(done)).toEqual(["a0", "a1", "a2", "a3", "a4", "a5", "a6"]);
    expect(started).toEqual(["a0", "a1", "a2", "a3", "a4", "a5", "a6"]);
    expect(most).toBe(3);
  });

  it("a failed task is tried again after the wait its `failed` handler answers, and fails for good when it answers nothing", async () => {
    const waits: number[] = [];
    const limiter = retryLimiter(async (ms) => void waits.push(ms));
    const seen: Array<{ args: unknown[]; retryCount: number }> = [];
    limiter.on("failed", (_error, info) => (seen.push(info), info.retryCount < 2 ? 25 : undefined));
    let calls = 0;
    const flaky = async (what: string) => {
      calls++;
      if (calls < 3) throw new Error(`${what} failed`);
      return what;
    };
    expect(await limiter.schedule(flaky, "GET /repos")).toBe("GET /repos");
    expect(seen.map((info) => info.retryCount)).toEqual([0, 1]);
    expect(seen[0]!.args).toEqual(["GET /repos"]);
    expect(waits).toEqual([25, 25]);
    await expect(
      limiter.schedule(async () => Promise.reject(new Error("403 forbidden"))),
    ).rejects.toThrow("403 forbidden");
  });
});

describe("sevbot's Octokit with those limiters", () => {
  it("waits out a secondary rate limit (429, retry-after) and gets the answer", async () => {
    const hits: string[] = [];
    let answered = 0;
    const github = await listen((req: IncomingMessage, res: ServerResponse) => {
      hits.push(`${req.method} ${req.url}`);
      req.resume();
      const limited = answered++ === 0;
      res
        .writeHead(limited ? 429 : 200, {
          "content-type": "application/json",
          ...(limited ? { "retry-after": "1" } : {}),
        })
        .end(
          JSON.stringify(
            limited ? { message: "You have exceeded a secondary rate limit" } : { id: 1 },
          ),
        );
    });
    servers.push(github);
    const Octokit = createSevbotOctokit({ writeIntervalMs: 0 });
    // retryAfterBaseValue 1: wait retry-after milliseconds instead of seconds.
    const octokit = new Octokit({
      auth: "ghs_test",
      baseUrl: github.url,
      throttle: { retryAfterBaseValue: 1 },
      retry: { enabled: false },
      log: silent,
    } as ConstructorParameters<typeof Octokit>[0]);
    const response = await octokit.request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "shop",
    });
    expect(response.data).toEqual({ id: 1 });
    expect(hits).toEqual(["GET /repos/acme/shop", "GET /repos/acme/shop"]);
  });

  it("keeps at most 10 requests of one installation in flight", async () => {
    // The server holds every answer until the test lets it go: what it holds is what is in flight.
    const held: Array<() => void> = [];
    let most = 0;
    const github = await listen((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      held.push(() => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
      most = Math.max(most, held.length);
    });
    servers.push(github);
    const Octokit = createSevbotOctokit({ writeIntervalMs: 0 });
    const octokit = new Octokit({
      auth: "ghs_test",
      baseUrl: github.url,
      throttle: { id: "42" },
      log: silent,
    } as ConstructorParameters<typeof Octokit>[0]);
    let finished = 0;
    const all = Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        octokit
          .request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
            owner: "acme",
            repo: "shop",
            issue_number: index + 1,
          })
          .then(() => finished++),
      ),
    );
    await vi.waitFor(() => expect(held).toHaveLength(10));
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for an 11th, which must not come
    expect(held).toHaveLength(10);
    while (finished < 25) {
      held.splice(0).forEach((answer) => answer());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await all;
    expect(most).toBe(10);
  });
});

describe("sevbot's retries without a Bottleneck per request", () => {
  /** A GitHub that answers each request with the next status of `script` (200 once it runs out). */
  async function scripted(script: number[]) {
    const hits: string[] = [];
    const github = await listen((req: IncomingMessage, res: ServerResponse) => {
      hits.push(`${req.method} ${req.url}`);
      req.resume();
      const status = script.shift() ?? 200;
      res
        .writeHead(status, { "content-type": "application/json" })
        .end(JSON.stringify(status === 200 ? { id: 1 } : { message: `HTTP ${status}` }));
    });
    servers.push(github);
    const Octokit = createSevbotOctokit({ writeIntervalMs: 0 });
    const octokit = new Octokit({
      auth: "ghs_test",
      baseUrl: github.url,
      sevbotRetry: { retryAfterBaseValue: 1 },
      log: silent,
    } as ConstructorParameters<typeof Octokit>[0]);
    return { octokit, hits };
  }
  const read = { owner: "acme", repo: "shop" };

  it("a read that meets 502 and 503 is tried again until GitHub answers", async () => {
    const { octokit, hits } = await scripted([502, 503]);
    const response = await octokit.request("GET /repos/{owner}/{repo}", read);
    expect(response.data).toEqual({ id: 1 });
    expect(hits).toHaveLength(3);
  });

  it("gives up after three retries, and never retries what a retry cannot change (404, 422)", async () => {
    const failing = await scripted([500, 500, 500, 500, 500]);
    await expect(failing.octokit.request("GET /repos/{owner}/{repo}", read)).rejects.toMatchObject({
      status: 500,
    });
    expect(failing.hits).toHaveLength(4);
    for (const status of [404, 422]) {
      const refused = await scripted([status]);
      await expect(
        refused.octokit.request("GET /repos/{owner}/{repo}", read),
      ).rejects.toMatchObject({ status });
      expect(refused.hits).toHaveLength(1);
    }
  });

  it("an installation's client, which Probot builds from the App client's options, retries too", async () => {
    const script = [502];
    const hits: string[] = [];
    const github = await listen((req: IncomingMessage, res: ServerResponse) => {
      hits.push(`${req.method} ${req.url}`);
      req.resume();
      const json = { "content-type": "application/json" };
      if (req.url?.endsWith("/access_tokens"))
        return void res
          .writeHead(201, json)
          .end(JSON.stringify({ token: "ghs_x", expires_at: "2099-01-01T00:00:00Z" }));
      const status = script.shift() ?? 200;
      res.writeHead(status, json).end(JSON.stringify(status === 200 ? { id: 1 } : {}));
    });
    servers.push(github);
    const Octokit = createSevbotOctokit({ writeIntervalMs: 0 }).defaults({
      sevbotRetry: { retryAfterBaseValue: 1 },
    });
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      baseUrl: github.url,
      log: pino({ level: "silent" }),
      Octokit: Octokit as typeof ProbotOctokit,
    });
    const installation = await probot.auth(7);
    const response = await installation.request("GET /repos/{owner}/{repo}", read);
    expect(response.data).toEqual({ id: 1 });
    expect(hits.filter((hit) => hit === "GET /repos/acme/shop")).toHaveLength(2);
  });

  it("a request sent with `retries: 0` (the forge's POSTs, which may have been written) is sent once", async () => {
    const { octokit, hits } = await scripted([502]);
    await expect(
      octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        ...read,
        issue_number: 1,
        body: "x",
        request: { retries: 0 },
      }),
    ).rejects.toMatchObject({ status: 502 });
    expect(hits).toHaveLength(1);
  });
});
