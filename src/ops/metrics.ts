import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { NotificationOutcome } from "../ports/notifier.js";

export type Platform = "github" | "gitlab";
export type SchedulerStage = "pass" | "tracker";
export type DeliveryOutcome = "accepted" | "duplicate" | "ignored" | "rejected";
/** The routes that take events from outside the forge (`inbound-routes.ts`). */
export type InboundRoute = "pagerduty" | "slack" | "alerts";

/** The label values each metric takes, so a typo is a compile error rather than a new series. */
export interface LabelledCounter<Labels> {
  inc(labels: Labels, value?: number): void;
}

export interface LabelledHistogram<Labels> {
  observe(labels: Labels, seconds: number): void;
  /** Call the returned function when the work ends; it records the seconds elapsed. */
  startTimer(labels: Labels): () => number;
}

export type QueueDepthReader = () => number | Promise<number>;

export interface SevbotMetrics {
  /** One per server (never prom-client's global one), so tests and servers in one process don't collide. */
  registry: Registry;
  deliveries: LabelledCounter<{ platform: Platform; outcome: DeliveryOutcome }>;
  duplicatesDropped: LabelledCounter<{ platform: Platform }>;
  actionDuration: LabelledHistogram<{ kind: string }>;
  forgeRequests: LabelledCounter<{ platform: Platform; method: string; status: string }>;
  rateLimitWaits: LabelledCounter<{ platform: Platform }>;
  notifications: LabelledCounter<{ notifier: string; outcome: NotificationOutcome }>;
  /** A scheduler pass (`pass`: listing the trackers) or part of one (`tracker`) that failed. */
  schedulerFailures: LabelledCounter<{ platform: Platform; stage: SchedulerStage }>;
  /** Jobs dropped because an identical one was still waiting (see app/event-fingerprint.ts). */
  eventsCoalesced: LabelledCounter<{ platform: Platform }>;
  /** Requests to the routes outside the forge, by route and the status sevbot answered. */
  inboundRequests: LabelledCounter<{ route: InboundRoute; status: string }>;
  /** The queue depth is read when Prometheus scrapes (in-process queue or BullMQ), never pushed. */
  setQueueDepth(read: QueueDepthReader): void;
}

/** 5 ms (a cached label check) to 30 s (a write waiting behind a secondary rate limit). */
export const ACTION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(): SevbotMetrics {
  const registry = new Registry();
  const registers = [registry];
  // process_* and nodejs_* keep their standard names so stock Node.js dashboards work unchanged.
  collectDefaultMetrics({ register: registry });
  let readDepth: QueueDepthReader = () => 0;
  new Gauge({
    name: "sevbot_queue_depth",
    help: "Jobs waiting or running in the work queue (shared across replicas when it is on Redis), read at scrape time.",
    registers,
    async collect() {
      try {
        this.set(await readDepth());
      } catch {
        // An unreachable queue must not fail the whole scrape; NaN says "unknown", 0 would lie.
        this.set(Number.NaN);
      }
    },
  });
  return {
    registry,
    deliveries: new Counter({
      name: "sevbot_webhook_deliveries_total",
      help: "Webhook deliveries received, by platform and outcome (accepted, duplicate, ignored, rejected).",
      labelNames: ["platform", "outcome"],
      registers,
    }),
    duplicatesDropped: new Counter({
      name: "sevbot_duplicate_deliveries_dropped_total",
      help: "Webhook deliveries dropped because their delivery id was already claimed.",
      labelNames: ["platform"],
      registers,
    }),
    actionDuration: new Histogram({
      name: "sevbot_action_duration_seconds",
      help: "Time to execute one action against the forge or a notifier, by action kind.",
      labelNames: ["kind"],
      buckets: ACTION_BUCKETS,
      registers,
    }),
    forgeRequests: new Counter({
      name: "sevbot_forge_requests_total",
      help: "HTTP responses from the forge API (each retry counts), by platform, method and status (network when no response came).",
      labelNames: ["platform", "method", "status"],
      registers,
    }),
    rateLimitWaits: new Counter({
      name: "sevbot_rate_limit_waits_total",
      help: "Forge responses asking sevbot to wait: 403/429 with retry-after or an exhausted rate limit on GitHub, 429 on GitLab.",
      labelNames: ["platform"],
      registers,
    }),
    notifications: new Counter({
      name: "sevbot_notifications_total",
      help: "Deliveries to a notifier, by notifier and outcome (sent, failed after its retries, already_sent by an earlier run, resent_in_doubt after a run that died mid-send).",
      labelNames: ["notifier", "outcome"],
      registers,
    }),
    schedulerFailures: new Counter({
      name: "sevbot_scheduler_failures_total",
      help: "Scheduler failures, by platform and stage (pass: finding the trackers; tracker: listing, ticking or reminding in one). The process goes on and the next tick runs again.",
      labelNames: ["platform", "stage"],
      registers,
    }),
    eventsCoalesced: new Counter({
      name: "sevbot_events_coalesced_total",
      help: "Events not queued because an identical event for the same issue was still waiting to run.",
      labelNames: ["platform"],
      registers,
    }),
    inboundRequests: new Counter({
      name: "sevbot_inbound_requests_total",
      help: "Requests to the PagerDuty, Slack and alerts routes, by route and the HTTP status answered (401: a signature or token refused; 503: not queued, the sender retries).",
      labelNames: ["route", "status"],
      registers,
    }),
    setQueueDepth(read) {
      readDepth = read;
    },
  };
}
