import type { Notification } from "../../core/notification.js";
import type { Notifier } from "../../ports/notifier.js";
import { NotifyError, postJson, type Fetch } from "./http.js";

export interface PagerDutyOptions {
  routingKey: string;
  baseUrl?: string;
  fetch?: Fetch;
}

const SEVERITY = { 1: "critical", 2: "error", 3: "warning", 4: "info" } as const;

/**
 * Events API v2: trigger while unacknowledged, acknowledge on /ack, resolve on resolution, the
 * last two only for an incident that was triggered; one dedup_key per incident.
 */
export function pagerDutyEvent(
  notification: Notification,
  routingKey: string,
): Record<string, unknown> | undefined {
  const action =
    notification.kind === "acknowledge"
      ? "acknowledge"
      : notification.kind === "resolve"
        ? "resolve"
        : notification.kind === "declare" || notification.kind === "escalate"
          ? "trigger"
          : undefined;
  // `page` on an acknowledge or resolve says a trigger went out: nothing else is PagerDuty's. Never a drill.
  if (!action || !notification.targets.page || notification.drill) return undefined;
  const event: Record<string, unknown> = {
    routing_key: routingKey,
    event_action: action,
    dedup_key: notification.incidentKey,
  };
  if (action !== "trigger") return event;
  return {
    ...event,
    payload: {
      summary: `[SEV-${notification.severity}] ${notification.title}: ${notification.text}`.slice(
        0,
        1024,
      ),
      source: "sevbot",
      severity: SEVERITY[notification.severity],
      custom_details: { issue: notification.url },
    },
    ...(notification.url ? { links: [{ href: notification.url, text: "Incident issue" }] } : {}),
  };
}

export function createPagerDutyNotifier(options: PagerDutyOptions): Notifier {
  const url = `${options.baseUrl ?? "https://events.pagerduty.com"}/v2/enqueue`;
  return {
    name: "pagerduty",
    handles: (notification) => pagerDutyEvent(notification, options.routingKey) !== undefined,
    async send(notification) {
      const event = pagerDutyEvent(notification, options.routingKey);
      if (!event) return;
      const { status, json } = await postJson(options.fetch ?? fetch, url, event);
      if (status !== 202 || (json as { status?: string } | undefined)?.status !== "success")
        throw new NotifyError(`pagerduty did not accept the event (${status})`, false);
    },
  };
}
