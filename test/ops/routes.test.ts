import { afterEach, describe, expect, it } from "vitest";
import { createMetrics, type SevbotMetrics } from "../../src/ops/metrics.js";
import { createOpsRoutes, type OpsRoutesOptions } from "../../src/ops/routes.js";
import { listen } from "./helpers.js";

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The ops routes first, then a fallback that proves which requests they passed on. */
async function serve(options: Partial<OpsRoutesOptions> & { metrics?: SevbotMetrics } = {}) {
  const handle = createOpsRoutes({
    metrics: options.metrics ?? createMetrics(),
    ready: options.ready ?? [],
    timeoutMs: options.timeoutMs,
  });
  const server = await listen(async (req, res) => {
    if (await handle(req, res)) return;
    res.writeHead(404, { "x-passed-on": "yes" }).end();
  });
  servers.push(server);
  return server.url;
}

describe("ops routes", () => {
  it("GET /healthz answers 200 without running any readiness check", async () => {
    let checked = 0;
    const url = await serve({ ready: [{ name: "redis", check: async () => void checked++ }] });
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ status: "ok" });
    expect(checked).toBe(0);
  });

  it("GET /readyz is 200 with every check ok", async () => {
    const url = await serve({
      ready: [
        { name: "redis", check: async () => {} },
        { name: "forge", check: async () => {} },
      ],
    });
    const response = await fetch(`${url}/readyz?verbose=1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ready",
      checks: { redis: "ok", forge: "ok" },
    });
  });

  it("GET /readyz is 503 naming a failing check and one that hangs past the timeout", async () => {
    let aborted = false;
    const hang = (signal: AbortSignal) =>
      new Promise<void>(() => {
        signal.addEventListener("abort", () => (aborted = true));
      });
    const url = await serve({
      timeoutMs: 100,
      ready: [
        {
          name: "redis",
          check: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")),
        },
        { name: "forge", check: hang },
        { name: "config", check: async () => {} },
      ],
    });
    const started = Date.now();
    const response = await fetch(`${url}/readyz`);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "not ready",
      checks: {
        redis: "connect ECONNREFUSED 127.0.0.1:6379",
        forge: "timed out after 100 ms",
        config: "ok",
      },
    });
    expect(aborted).toBe(true);
    // In parallel and bounded: one timeout's worth, not the sum, not forever.
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(1_000);
  });

  it("GET /readyz reports a check that throws synchronously", async () => {
    const url = await serve({
      ready: [
        {
          name: "broken",
          check: () => {
            throw new Error("not configured");
          },
        },
      ],
    });
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "not ready",
      checks: { broken: "not configured" },
    });
  });

  it("GET /metrics serves the registry as Prometheus text with the sevbot_ metrics", async () => {
    const metrics = createMetrics();
    metrics.deliveries.inc({ platform: "github", outcome: "accepted" });
    metrics.deliveries.inc({ platform: "gitlab", outcome: "duplicate" });
    metrics.duplicatesDropped.inc({ platform: "gitlab" });
    metrics.forgeRequests.inc({ platform: "github", method: "POST", status: "201" });
    metrics.rateLimitWaits.inc({ platform: "github" }, 2);
    metrics.actionDuration.observe({ kind: "label" }, 0.02);
    metrics.setQueueDepth(() => 4);
    const url = await serve({ metrics });
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await response.text();
    expect(text).toContain(
      'sevbot_webhook_deliveries_total{platform="github",outcome="accepted"} 1',
    );
    expect(text).toContain(
      'sevbot_webhook_deliveries_total{platform="gitlab",outcome="duplicate"} 1',
    );
    expect(text).toContain('sevbot_duplicate_deliveries_dropped_total{platform="gitlab"} 1');
    expect(text).toContain(
      'sevbot_forge_requests_total{platform="github",method="POST",status="201"} 1',
    );
    expect(text).toContain('sevbot_rate_limit_waits_total{platform="github"} 2');
    expect(text).toContain('sevbot_action_duration_seconds_count{kind="label"} 1');
    expect(text).toMatch(/^sevbot_queue_depth 4$/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it("passes every other path on (the handler resolves false)", async () => {
    const url = await serve();
    for (const path of ["/", "/api/github/webhooks", "/healthz/extra", "/metricsz"]) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("x-passed-on"), path).toBe("yes");
    }
  });

  it("refuses methods other than GET and HEAD on its own paths", async () => {
    const url = await serve();
    const response = await fetch(`${url}/readyz`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect((await fetch(`${url}/healthz`, { method: "HEAD" })).status).toBe(200);
  });
});
