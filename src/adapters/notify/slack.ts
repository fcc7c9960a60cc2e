import { forSharedReceivers, notificationTag, type Notification } from "../../core/notification.js";
import type { Notifier, WarRoom } from "../../ports/notifier.js";
import { NotifyError, postJson, type Fetch } from "./http.js";

export interface SlackOptions {
  /** Incoming webhook: one message to the channel it was made for. */
  webhookUrl?: string;
  /** Bot token: the Web API (`chat.postMessage`, `conversations.create`). */
  botToken?: string;
  apiBaseUrl?: string;
  fetch?: Fetch;
}

/**
 * The text of a message. `@channel` only in a channel and only where the policy step says
 * `everyone` (the same reading `sevbot simulate` prints). A drill's message says it is one.
 * `mentions` are people the message is also for, in Slack's `<@U…>` form or as plain names.
 */
export function slackText(
  notification: Notification,
  inChannel: boolean,
  mentions: string[] = [],
): string {
  const everyone =
    inChannel && notification.targets.everyone === true && !notification.drill ? "<!channel> " : "";
  const drill = notification.drill ? "🎭 *Drill* (an exercise, not a real incident) " : "";
  const forWhom = mentions.length > 0 ? `\nFor: ${mentions.join(", ")}` : "";
  return `${everyone}${drill}*[${notificationTag(notification)}] ${notification.title}*\n${notification.text}${forWhom}${notification.url ? `\n<${notification.url}|Open the issue>` : ""}`;
}

export interface SlackRecipients {
  /** Member ids to message directly. */
  direct: string[];
  /** Forge user names with no Slack member id configured: named in the channel message. */
  unknown: string[];
}

/** Splits the notification's people by whether Slack can reach them directly (it needs member ids). */
export function slackRecipients(notification: Notification): SlackRecipients {
  const ids = notification.targets.slackIds ?? {};
  const users = [...new Set(notification.targets.users)];
  return {
    direct: [...new Set(users.flatMap((user) => (ids[user] ? [ids[user]] : [])))],
    unknown: users.filter((user) => !ids[user]),
  };
}

/** Slack: an incoming webhook, or the Web API with a bot token (channels, DMs, war rooms). */
export function createSlackNotifier(options: SlackOptions): Notifier {
  const fetcher = options.fetch ?? fetch;
  const api = options.apiBaseUrl ?? "https://slack.com/api";
  async function call(
    method: string,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const { json } = await postJson(fetcher, `${api}/${method}`, body, {
      authorization: `Bearer ${options.botToken}`,
    });
    const result = (json ?? {}) as Record<string, unknown>;
    // Slack answers HTTP 200 with ok:false on failure.
    if (result.ok !== true)
      throw new NotifyError(
        `slack ${method} failed: ${String(result.error ?? "unknown error")}`,
        result.error === "ratelimited",
      );
    return result;
  }
  /** Channels a message may go to: none for a drill, whatever the notification lists. */
  const channelsOf = (notification: Notification) =>
    notification.drill ? [] : notification.targets.channels;
  return {
    name: "slack",
    handles(notification) {
      if (notification.targets.replyUrl) return true;
      if (notification.kind === "war-room-topic") return Boolean(options.botToken);
      if (!options.botToken) return Boolean(options.webhookUrl) && forSharedReceivers(notification);
      return channelsOf(notification).length > 0 || slackRecipients(notification).direct.length > 0;
    },
    async send(notification) {
      if (notification.targets.replyUrl) {
        // Slack's response_url of the interaction being answered; nothing else is posted to.
        if (isSlackReplyUrl(notification.targets.replyUrl, api))
          await postJson(fetcher, notification.targets.replyUrl, {
            response_type: "ephemeral",
            replace_original: false,
            text: notification.text,
          });
        return;
      }
      if (notification.kind === "war-room-topic") {
        // The war room's topic follows the incident (a raise to Sev-1): only the Web API can set it.
        if (!options.botToken) return;
        for (const channel of notification.targets.channels)
          await call("conversations.setTopic", { channel, topic: notification.text.slice(0, 250) });
        return;
      }
      const { direct, unknown } = slackRecipients(notification);
      if (!options.botToken) {
        // An incoming webhook posts to its one channel, shared by everyone: never a drill's or a private message.
        if (!options.webhookUrl || !forSharedReceivers(notification)) return;
        const everyone = [...direct.map((id) => `<@${id}>`), ...unknown];
        await postJson(fetcher, options.webhookUrl, {
          text: slackText(notification, true, everyone),
        });
        return;
      }
      for (const channel of channelsOf(notification))
        await call("chat.postMessage", {
          channel,
          text: slackText(notification, true, unknown),
          ...incidentButtons(notification, slackText(notification, true, unknown)),
        });
      // A user's member id as the channel opens the app's direct message with them.
      for (const id of direct)
        await call("chat.postMessage", {
          channel: id,
          text: slackText(notification, false),
          ...incidentButtons(notification, slackText(notification, false)),
        });
    },
    ...(options.botToken
      ? {
          async createWarRoom(name: string, topic: string): Promise<WarRoom> {
            const created = await call("conversations.create", {
              name: slackChannelName(name),
              is_private: false,
            });
            const channel = created.channel as { id: string; name: string };
            await call("conversations.setTopic", {
              channel: channel.id,
              topic: topic.slice(0, 250),
            });
            return {
              id: channel.id,
              name: channel.name,
              url: `https://slack.com/app_redirect?channel=${channel.id}`,
            };
          },
        }
      : {}),
  };
}

/** Slack channel names: lowercase, a-z 0-9 - _, at most 80 characters. */
export function slackChannelName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
}

/** Slack's own response URLs (or, in tests, the configured API's host): never an arbitrary URL. */
export function isSlackReplyUrl(url: string, apiBaseUrl: string): boolean {
  if (url.startsWith("https://hooks.slack.com/")) return true;
  try {
    return new URL(url).origin === new URL(apiBaseUrl).origin;
  } catch {
    return false;
  }
}

/** Action ids of the buttons on pages and war-room announcements (`POST /api/slack/interactions`). */
export const SLACK_ACTIONS = { ack: "sevbot_ack", lead: "sevbot_lead", open: "sevbot_open" };

/**
 * Pages and the war-room announcement carry buttons: Acknowledge, Take the lead (each answered at
 * `/api/slack/interactions`, valued with the incident's key), Open the issue (a link).
 */
export function incidentButtons(
  notification: Notification,
  text: string,
): { blocks?: Array<Record<string, unknown>> } {
  if (!["declare", "escalate", "war-room", "page"].includes(notification.kind)) return {};
  const button = (actionId: string, label: string, extra: Record<string, unknown>) => ({
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text: label },
    ...extra,
  });
  return {
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } },
      {
        type: "actions",
        elements: [
          button(SLACK_ACTIONS.ack, "Acknowledge", {
            value: notification.incidentKey,
            style: "primary",
          }),
          button(SLACK_ACTIONS.lead, "Take the lead", { value: notification.incidentKey }),
          ...(notification.url
            ? [button(SLACK_ACTIONS.open, "Open the issue", { url: notification.url })]
            : []),
        ],
      },
    ],
  };
}
