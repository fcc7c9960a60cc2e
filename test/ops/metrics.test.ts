import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/ops/metrics.js";
import { valueOf } from "./helpers.js";

describe("createMetrics", () => {
  it("gives each call its own registry, so two servers in one process keep separate counts", async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.deliveries.inc({ platform: "github", outcome: "accepted" });
    expect(
      await valueOf(first.registry, "sevbot_webhook_deliveries_total", {
        platform: "github",
        outcome: "accepted",
      }),
    ).toBe(1);
    expect(
      await valueOf(second.registry, "sevbot_webhook_deliveries_total", {
        platform: "github",
        outcome: "accepted",
      }),
    ).toBeUndefined();
  });

  it("reads the queue depth when scraped, from a sync or async reader", async () => {
    const metrics = createMetrics();
    let depth = 3;
    metrics.setQueueDepth(() => depth);
    expect(await metrics.registry.metrics()).toMatch(/^sevbot_queue_depth 3$/m);
    depth = 7;
    expect(await metrics.registry.metrics()).toMatch(/^sevbot_queue_depth 7$/m);
    metrics.setQueueDepth(async () => 11);
    expect(await metrics.registry.metrics()).toMatch(/^sevbot_queue_depth 11$/m);
  });

  it("reports an unreadable queue as NaN instead of failing the scrape", async () => {
    const metrics = createMetrics();
    metrics.setQueueDepth(async () => {
      throw new Error("redis down");
    });
    const text = await metrics.registry.metrics();
    // prom-client writes "Nan"; Prometheus parses values with Go's ParseFloat, which takes any case.
    expect(text).toMatch(/^sevbot_queue_depth nan$/im);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it("times actions into buckets from 5 ms to 30 s", async () => {
    const metrics = createMetrics();
    metrics.actionDuration.observe({ kind: "comment" }, 0.004);
    metrics.actionDuration.observe({ kind: "comment" }, 12);
    const text = await metrics.registry.metrics();
    expect(text).toContain('sevbot_action_duration_seconds_bucket{le="0.005",kind="comment"} 1');
    expect(text).toContain('sevbot_action_duration_seconds_bucket{le="10",kind="comment"} 1');
    expect(text).toContain('sevbot_action_duration_seconds_bucket{le="30",kind="comment"} 2');
    expect(text).toContain('sevbot_action_duration_seconds_count{kind="comment"} 2');
  });

  it("has help text on every sevbot_ metric", async () => {
    const text = await createMetrics().registry.metrics();
    const names = [...text.matchAll(/^# TYPE (sevbot_\w+) /gm)].map((match) => match[1]);
    expect(names.sort()).toEqual([
      "sevbot_action_duration_seconds",
      "sevbot_duplicate_deliveries_dropped_total",
      "sevbot_events_coalesced_total",
      "sevbot_forge_requests_total",
      "sevbot_inbound_requests_total",
      "sevbot_notifications_total",
      "sevbot_queue_depth",
      "sevbot_rate_limit_waits_total",
      "sevbot_scheduler_failures_total",
      "sevbot_webhook_deliveries_total",
    ]);
    for (const name of names) expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, "m"));
  });
});
