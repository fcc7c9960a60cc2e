import { createNotifierHub } from "../../src/adapters/notify/hub.js";
import { createPagerDutyNotifier } from "../../src/adapters/notify/pagerduty.js";
import { createSlackNotifier } from "../../src/adapters/notify/slack.js";
import { createWebhookNotifier } from "../../src/adapters/notify/webhook.js";
import type { Notification } from "../../src/core/notification.js";

export type Service = "pagerduty" | "slack" | "webhook";

/** One HTTP request a real notifier made: what reached a pager, a channel or a webhook. */
export interface SentRequest {
  service: Service;
  /** Slack's Web API method (`chat.postMessage`, `conversations.create`, …). */
  method?: string;
  body: Record<string, unknown>;
  /** The notification being sent when the request was made (none for a war room). */
  notification?: Notification;
}

/**
 * The real notifiers (PagerDuty Events v2, the generic webhook, Slack's Web API) behind the real
 * hub, each talking to a fake service in process that accepts everything and records it.
 */
export function createServices() {
  const requests: SentRequest[] = [];
  let sending: Notification | undefined;
  const fetcher = async (url: string | URL | Request, init?: RequestInit) => {
    const address = String(url);
    const body = JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>;
    const service: Service = address.includes("pagerduty")
      ? "pagerduty"
      : address.includes("slack")
        ? "slack"
        : "webhook";
    const method = service === "slack" ? address.split("/").at(-1) : undefined;
    requests.push({
      service,
      ...(method ? { method } : {}),
      body,
      ...(sending ? { notification: sending } : {}),
    });
    const answer =
      service === "pagerduty"
        ? { status: "success" }
        : { ok: true, channel: { id: "C0WARROOM", name: String(body.name ?? "war-room") } };
    return new Response(JSON.stringify(answer), { status: service === "pagerduty" ? 202 : 200 });
  };
  const fetch = fetcher as typeof globalThis.fetch;
  const hub = createNotifierHub(
    [
      createPagerDutyNotifier({
        routingKey: "routing-key",
        baseUrl: "https://pagerduty.test",
        fetch,
      }),
      createWebhookNotifier({ url: "https://hooks.test/sevbot", fetch }),
      createSlackNotifier({ botToken: "xoxb-model", apiBaseUrl: "https://slack.test/api", fetch }),
    ],
    { attempts: 1, sleep: async () => undefined },
  );
  return {
    requests,
    /** Notifications are sent one at a time, so each request knows which one it belongs to. */
    async send(notification: Notification): Promise<void> {
      sending = notification;
      try {
        await hub.send(notification);
      } finally {
        sending = undefined;
      }
    },
    createWarRoom: (name: string, topic: string) => hub.createWarRoom(name, topic),
  };
}

export type Services = ReturnType<typeof createServices>;
