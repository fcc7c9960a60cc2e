import type { IncomingMessage, ServerResponse } from "node:http";
import { Octokit } from "@octokit/rest";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/ops/metrics.js";
import { countGithubRequests } from "../../src/ops/octokit-metrics.js";
import { listen, valueOf } from "./helpers.js";

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

/** A stand-in GitHub on 127.0.0.1: each path answers its queue of replies, the last one repeating. */
async function fakeGithub(routes: Record<string, Reply[]>) {
  const hits: string[] = [];
  const server = await listen((req: IncomingMessage, res: ServerResponse) => {
    const key = `${req.method} ${req.url}`;
    hits.push(key);
    const queue = routes[key] ?? [{ status: 404, body: { message: "Not Found" } }];
    const reply = queue.length > 1 ? queue.shift()! : queue[0]!;
    req.resume();
    req.on("end", () =>
      res
        .writeHead(reply.status, { "content-type": "application/json", ...reply.headers })
        .end(JSON.stringify(reply.body ?? {})),
    );
  });
  servers.push(server);
  return { url: server.url, hits };
}

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const series = (method: string, status: string) => ({ platform: "github", method, status });

describe("countGithubRequests", () => {
  it("counts real responses by method and status, and 403/429 rate limits as waits", async () => {
    const github = await fakeGithub({
      "GET /repos/acme/shop": [{ status: 200, body: { id: 1 } }],
      "POST /repos/acme/shop/issues": [{ status: 201, body: { number: 7 } }],
      "GET /repos/acme/flaky": [{ status: 502, body: { message: "Bad Gateway" } }],
      "GET /repos/acme/busy": [
        {
          status: 429,
          headers: { "retry-after": "30" },
          body: { message: "You have exceeded a secondary rate limit" },
        },
      ],
      "GET /repos/acme/spent": [
        {
          status: 403,
          headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" },
          body: { message: "API rate limit exceeded" },
        },
      ],
      "GET /repos/acme/secret": [
        {
          status: 403,
          headers: { "x-ratelimit-remaining": "4999" },
          body: { message: "Resource not accessible by integration" },
        },
      ],
    });
    const metrics = createMetrics();
    const Counted = Octokit.plugin(countGithubRequests(metrics));
    const octokit = new Counted({ baseUrl: github.url, log: silent });

    await octokit.rest.repos.get({ owner: "acme", repo: "shop" });
    await octokit.rest.repos.get({ owner: "acme", repo: "shop" });
    await octokit.rest.issues.create({ owner: "acme", repo: "shop", title: "Sev-1" });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "gone" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "flaky" })).rejects.toMatchObject({
      status: 502,
    });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "busy" })).rejects.toMatchObject({
      status: 429,
    });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "spent" })).rejects.toMatchObject({
      status: 403,
    });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "secret" })).rejects.toMatchObject({
      status: 403,
    });

    const count = (method: string, status: string) =>
      valueOf(metrics.registry, "sevbot_forge_requests_total", series(method, status));
    expect(await count("GET", "200")).toBe(2);
    expect(await count("POST", "201")).toBe(1);
    expect(await count("GET", "404")).toBe(1);
    expect(await count("GET", "502")).toBe(1);
    expect(await count("GET", "429")).toBe(1);
    expect(await count("GET", "403")).toBe(2);
    // The 429 with retry-after and the exhausted primary limit; a plain permission 403 is no wait.
    expect(
      await valueOf(metrics.registry, "sevbot_rate_limit_waits_total", { platform: "github" }),
    ).toBe(2);
    expect(github.hits).toHaveLength(8);
  });

  it("counts a request that got no response as status network", async () => {
    const github = await fakeGithub({});
    const closed = github.url;
    await servers.pop()!.close();
    const metrics = createMetrics();
    const octokit = new (Octokit.plugin(countGithubRequests(metrics)))({
      baseUrl: closed,
      log: silent,
    });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "shop" })).rejects.toThrow();
    expect(
      await valueOf(metrics.registry, "sevbot_forge_requests_total", series("GET", "network")),
    ).toBe(1);
    expect(
      await valueOf(metrics.registry, "sevbot_rate_limit_waits_total", { platform: "github" }),
    ).toBeUndefined();
  });

  it("counts each attempt under Probot's throttling, so a 429 that was waited out still shows", async () => {
    const github = await fakeGithub({
      "GET /repos/acme/shop": [
        {
          status: 429,
          headers: { "retry-after": "1" },
          body: { message: "You have exceeded a secondary rate limit" },
        },
        { status: 200, body: { id: 1 } },
      ],
    });
    const metrics = createMetrics();
    const Counted = ProbotOctokit.plugin(countGithubRequests(metrics));
    // retryAfterBaseValue 1: wait retry-after milliseconds instead of seconds.
    const octokit = new Counted({
      baseUrl: github.url,
      throttle: {
        onSecondaryRateLimit: () => true,
        onRateLimit: () => false,
        retryAfterBaseValue: 1,
      },
      retry: { enabled: false },
      log: silent,
    });

    const response = await octokit.request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "shop",
    });

    expect(response.status).toBe(200);
    expect(github.hits).toEqual(["GET /repos/acme/shop", "GET /repos/acme/shop"]);
    expect(
      await valueOf(metrics.registry, "sevbot_forge_requests_total", series("GET", "429")),
    ).toBe(1);
    expect(
      await valueOf(metrics.registry, "sevbot_forge_requests_total", series("GET", "200")),
    ).toBe(1);
    expect(
      await valueOf(metrics.registry, "sevbot_rate_limit_waits_total", { platform: "github" }),
    ).toBe(1);
  });

  it("wraps fetch once per call, not once more for every call on the same client", async () => {
    const github = await fakeGithub({ "GET /repos/acme/shop": [{ status: 200 }] });
    const metrics = createMetrics();
    const octokit = new (Octokit.plugin(countGithubRequests(metrics)))({
      baseUrl: github.url,
      log: silent,
    });
    for (let call = 0; call < 5; call++)
      await octokit.rest.repos.get({ owner: "acme", repo: "shop" });
    expect(
      await valueOf(metrics.registry, "sevbot_forge_requests_total", series("GET", "200")),
    ).toBe(5);
  });
});
