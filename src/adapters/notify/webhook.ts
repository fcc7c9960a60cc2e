import { createHmac } from "node:crypto";
import type { Notifier } from "../../ports/notifier.js";
import { postJson, type Fetch } from "./http.js";

export interface WebhookOptions {
  url: string;
  /** Signs the body: `X-Sevbot-Signature: sha256=<hmac>`. */
  secret?: string;
  authorization?: string;
  fetch?: Fetch;
}

/** A generic JSON webhook (Teams, Mattermost, anything that takes a POST). */
export function createWebhookNotifier(options: WebhookOptions): Notifier {
  return {
    name: "webhook",
    // A private Slack answer is for the person who clicked, not for every receiver.
    handles: (notification) => notification.kind !== "reply",
    async send(notification) {
      const body = {
        kind: notification.kind,
        key: notification.key,
        incident: notification.incidentKey,
        severity: notification.severity,
        title: notification.title,
        text: notification.text,
        url: notification.url,
      };
      const headers: Record<string, string> = {};
      if (options.authorization) headers.authorization = options.authorization;
      if (options.secret)
        headers["x-sevbot-signature"] =
          `sha256=${createHmac("sha256", options.secret).update(JSON.stringify(body)).digest("hex")}`;
      await postJson(options.fetch ?? fetch, options.url, body, headers);
    },
  };
}
