
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
  send(notification: Notification): Promise<void>;
  /** Creates the per-incident war-room channel, where the notifier can (Slack with a bot token). */
  createWarRoom?(name: string, topic: string): Promise<WarRoom>;
}
