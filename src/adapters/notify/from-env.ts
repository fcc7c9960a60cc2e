import type { Notifier } from "../../ports/notifier.js";
import { createEmailNotifier } from "./email.js";
import { createPagerDutyNotifier } from "./pagerduty.js";
import { createPagerDutyRespondersNotifier } from "./pagerduty-responders.js";
import { createSlackNotifier } from "./slack.js";
import { createWebhookNotifier } from "./webhook.js";

export interface NotifierSettings {
  slackWebhookUrl?: string;
  slackBotToken?: string;
  slackApiUrl?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  pagerDutyRoutingKey?: string;
  pagerDutyUrl?: string;
  smtpUrl?: string;
  smtpFrom?: string;
  /** PagerDuty's REST API, for `/page` responder requests. */
  pagerDutyApi?: { token: string; from: string; requesterId: string; url?: string };
}

/** Each notifier is optional: it exists when its settings do. */
export function createNotifiers(settings: NotifierSettings): Notifier[] {
  const notifiers: Notifier[] = [];
  if (settings.slackWebhookUrl || settings.slackBotToken) {
    notifiers.push(
      createSlackNotifier({
        ...(settings.slackWebhookUrl ? { webhookUrl: settings.slackWebhookUrl } : {}),
        ...(settings.slackBotToken ? { botToken: settings.slackBotToken } : {}),
        ...(settings.slackApiUrl ? { apiBaseUrl: settings.slackApiUrl } : {}),
      }),
    );
  }
  if (settings.webhookUrl)
    notifiers.push(
      createWebhookNotifier({
        url: settings.webhookUrl,
        ...(settings.webhookSecret ? { secret: settings.webhookSecret } : {}),
      }),
    );
  if (settings.pagerDutyRoutingKey)
    notifiers.push(
      createPagerDutyNotifier({
        routingKey: settings.pagerDutyRoutingKey,
        ...(settings.pagerDutyUrl ? { baseUrl: settings.pagerDutyUrl } : {}),
      }),
    );
  if (settings.pagerDutyApi)
    notifiers.push(
      createPagerDutyRespondersNotifier({
        token: settings.pagerDutyApi.token,
        from: settings.pagerDutyApi.from,
        requesterId: settings.pagerDutyApi.requesterId,
        ...(settings.pagerDutyApi.url ? { baseUrl: settings.pagerDutyApi.url } : {}),
      }),
    );
  if (settings.smtpUrl)
    notifiers.push(
      createEmailNotifier({
        url: settings.smtpUrl,
        from: settings.smtpFrom ?? "sevbot <sevbot@localhost>",
      }),
    );
  return notifiers;
}
