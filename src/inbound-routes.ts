import type { IncomingMessage, ServerResponse } from "node:http";
import { createAlertsRoute } from "./adapters/alerts/route.js";
import { createPagerDutyRoute } from "./adapters/pagerduty/route.js";
import { createSlackRoute } from "./adapters/slack/route.js";
import { createSlackRoomLookup } from "./adapters/slack/war-room-lookup.js";
import { createRemoteDispatch } from "./app/remote-dispatch.js";
import type { Runtime } from "./app/runtime.js";
import type { ServerSettings } from "./config/env.js";
import type { Platform } from "./core/model.js";
import type { InboundRoute, SevbotMetrics } from "./ops/metrics.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Composition of the routes that take events from outside the forge; each on when configured. */
export function inboundRoutes(settings: ServerSettings, runtime: Runtime): Handler[] {
  const platforms: Platform[] = [
    ...(settings.github ? (["github"] as const) : []),
    ...(settings.gitlab ? (["gitlab"] as const) : []),
  ];
  const dispatch = createRemoteDispatch(runtime, platforms);
  const { memo } = runtime;
  const claims = (prefix: string) => ({
    claim: (id: string) => runtime.dedupe.claim(`${prefix}:${id}`),
    release: async (id: string) => runtime.dedupe.release?.(`${prefix}:${id}`),
  });
  const { inbound } = settings;
  const count = (route: InboundRoute, handler: Handler) => counted(runtime.metrics, route, handler);
  return [
    ...(inbound.pagerDutySecrets
      ? [
          count(
            "pagerduty",
            createPagerDutyRoute({
              secrets: inbound.pagerDutySecrets,
              memo,
              dispatch,
              ...claims("pagerduty"),
              log: runtime.log.warn,
            }),
          ),
        ]
      : []),
    ...(inbound.slackSigningSecret
      ? [
          count(
            "slack",
            createSlackRoute({
              signingSecret: inbound.slackSigningSecret,
              memo,
              ...roomLookup(settings),
              dispatch,
              ...claims("slack"),
              log: runtime.log.warn,
            }),
          ),
        ]
      : []),
    ...(inbound.alerts
      ? [
          count(
            "alerts",
            createAlertsRoute({
              token: inbound.alerts.token,
              repository: inbound.alerts.repository,
              dispatch,
              ...claims("alerts"),
              log: runtime.log.warn,
            }),
          ),
        ]
      : []),
  ];
}

/** With the Slack Web API: a forgotten war room is found again from its channel's topic. */
function roomLookup({ notifiers }: ServerSettings) {
  if (!notifiers.slackBotToken) return {};
  const lookup = createSlackRoomLookup({
    botToken: notifiers.slackBotToken,
    ...(notifiers.slackApiUrl ? { apiBaseUrl: notifiers.slackApiUrl } : {}),
  });
  return { lookupRoom: lookup };
}

/** Counts each request a route answers, by the status it answered, once the answer is sent. */
function counted(metrics: SevbotMetrics, route: InboundRoute, handler: Handler): Handler {
  return async (req, res) => {
    const count = () => metrics.inboundRequests.inc({ route, status: String(res.statusCode) });
    res.once("finish", count);
    const handled = await handler(req, res);
    if (!handled) res.off("finish", count);
    return handled;
  };
}
