import { createHmac } from "node:crypto";
import { forSharedReceivers, type Notification } from "../../core/notification.js";
import type { Notifier } from "../../ports/notifier.js";
import { postJson, type Fetch } from "./http.js";

export interface WebhookOptions {
  url: string;
  /** Signs the body: `X-Sevbot-Signature: sha256=<hmac>`. */
  secret?: string;
  authorization?: string;
  fetch?: Fetch;
}

/**
 * The documented JSON body. `drill` is always there, so a receiver can tell an exercise apart,
 * although sevbot sends it no drill: a generic webhook is a shared receiver.
 */
export function webhookBody(notification: Notification): Record<string, unknown> {
  return {
    kind: notification.kind,
    key: notification.key,
    incident: notification.incidentKey,
    severity: notification.severity,
    title: notification.title,
    text: notification.text,
    url: notification.url,
    drill: notification.drill === true,
  };
}

/** A generic JSON webhook (Teams, Mattermost, anything that takes a POST). */
export function createWebhookNotifier(options: WebhookOptions): Notifier {
  return {
    name: "webhook",
    // It posts where everyone reads: nothing from a drill, no private message (a Slack answer to
    // whoever clicked), no topic change.
    handles: (notification) =>
      forSharedReceivers(notification) &&
      notification.kind !== "war-room-topic" &&
      notification.kind !== "reply",
    async send(notification) {
      if (!forSharedReceivers(notification)) return;
      const body = webhookBody(notification);
      const headers: Record<string, string> = {};
      if (options.authorization) headers.authorization = options.authorization;
      if (options.secret)
        headers["x-sevbot-signature"] =
          `sha256=${createHmac("sha256", options.secret).update(JSON.stringify(body)).digest("hex")}`;
      await postJson(options.fetch ?? fetch, options.url, body, headers);
    },
  };
}
