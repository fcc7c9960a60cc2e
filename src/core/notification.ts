import type { Severity } from "./model.js";

/** Why a notification goes out; PagerDuty maps these to trigger / acknowledge / resolve. */
export type NotificationKind =
  | "declare"
  | "escalate"
  | "acknowledge"
  | "resolve"
  | "status-reminder"
  | "handoff"
  | "decision"
  | "drill"
  | "war-room"
  | "security-report"
  | "war-room-topic"
  /** Updates relayed to where people watch (`/status`, `/mitigated`, severity, Incident Lead). */
  | "status"
  | "mitigated"
  | "severity"
  | "lead"
  /** `/page @user`: one person (or a team) asked to join now. */
  | "page"
  /** A private answer to whoever acted in chat (Slack's ephemeral reply). */
  | "reply";

export interface NotificationTargets {
  /** Chat channels, e.g. `#tech-incidents`. */
  channels: string[];
  /** Chat users to message directly (user names as configured). */
  users: string[];
  /**
   * Slack member id of each of `users` that has one (`notifications.slackUsers`), resolved here
   * so that notifiers need no config; the others can only be named in the channel message.
   */
  slackIds?: Record<string, string>;
  /** E-mail addresses. */
  emails: string[];
  /** Page through the paging service (PagerDuty); for acknowledge and resolve: a page went out before. */
  page: boolean;
  /** PagerDuty user ids to add as responders (`/page`, through PagerDuty's REST API). */
  pagerdutyUserIds?: string[];
  /** Answer privately here (Slack's `response_url` of the interaction being answered). */
  replyUrl?: string;
  /** Address everyone in `channels` (Slack's `@channel`), as the policy step says. */
  everyone?: boolean;
  /**
   * Only these channels, people and addresses: never a receiver that takes every message (a Slack
   * incoming webhook's channel, the generic webhook). Drills, security reports, topic changes.
   */
  onlyTargets?: boolean;
}

/**
 * One message about one incident. `title` is already safe to send (a codename for a confidential
 * incident); `key` is stable per incident + step, so a retry never notifies twice.
 */
export interface Notification {
  key: string;
  /** Stable per incident: PagerDuty's dedup_key. */
  incidentKey: string;
  kind: NotificationKind;
  severity: Severity;
  title: string;
  text: string;
  url: string;
  targets: NotificationTargets;
  /** From a tabletop drill: it reaches its participants only, and says so. */
  drill?: boolean;
}

/**
 * Whether a notification may go to receivers that take every message and cannot be scoped to
 * people (an incoming webhook's channel, the generic webhook). Never for a drill.
 */
export function forSharedReceivers(notification: Notification): boolean {
  return !notification.drill && !notification.targets.onlyTargets;
}

/** `SEV-1` … `SEV-4` in a message's heading; a security report has no severity yet. */
export function notificationTag(notification: Notification): string {
  return notification.kind === "security-report"
    ? "SECURITY REPORT"
    : `SEV-${notification.severity}`;
}
