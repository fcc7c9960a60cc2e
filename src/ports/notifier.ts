export type { Notification, NotificationKind, NotificationTargets } from "../core/notification.js";
import type { Notification } from "../core/notification.js";

export interface WarRoom {
  id: string;
  name: string;
  url: string;
}

/** A notification channel (Slack, webhook, PagerDuty, e-mail). Each is optional and independent. */
export interface Notifier {
  readonly name: string;
  /** False for a notification this notifier has nothing to do with (PagerDuty and a chat-only message): the hub skips it. */
  handles?(notification: Notification): boolean;
  send(notification: Notification): Promise<void>;
  /** Creates the per-incident war-room channel, where the notifier can (Slack with a bot token). */
  createWarRoom?(name: string, topic: string): Promise<WarRoom>;
}

/**
 * How one notifier's delivery of one notification ended: `resent_in_doubt` is a send that
 * succeeded after an earlier run died mid-send (it may have arrived twice).
 */
export type NotificationOutcome = "sent" | "failed" | "already_sent" | "resent_in_doubt";
