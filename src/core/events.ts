import type { AlertGroup } from "./alerts/types.js";
import type { IssueRef, Permission } from "./model.js";

/** Whoever caused an event. `isBot` covers GitHub Apps, `[bot]` users and sevbot itself. */
export interface Actor {
  login: string;
  isBot: boolean;
  /** The platform's user id, when its webhook gives one (GitLab needs it for member lookups). */
  id?: number;
}

/** What a webhook told us about an issue at the moment of the event. */
export interface IssueSnapshot {
  ref: IssueRef;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  author: string;
  url: string;
  /** ISO instant the issue was created, when the platform says. */
  createdAt?: string;
  /** ISO instant a closed issue was closed, when the platform says. */
  closedAt?: string;
  /** Private repository or confidential GitLab issue. */
  confidential: boolean;
}

export interface CommentSnapshot {
  id: number;
  body: string;
  author: string;
  /** Written by a bot account (GitHub App, GitLab bot user); only such comments' markers are trusted. */
  byBot: boolean;
}

/**
 * Every trigger (GitHub webhook, GitLab webhook, slash command, scheduler tick) becomes one of
 * these and goes through the same `handleEvent` (principle 4). `permission` is the commenter's
 * repository permission, looked up by the app layer only when the comment holds commands.
 */
export type DomainEvent =
  | { kind: "issue-opened"; issue: IssueSnapshot; actor: Actor; permission?: Permission }
  | { kind: "issue-labeled"; issue: IssueSnapshot; actor: Actor; label: string }
  | { kind: "issue-unlabeled"; issue: IssueSnapshot; actor: Actor; label: string }
  | { kind: "issue-closed"; issue: IssueSnapshot; actor: Actor }
  | { kind: "issue-reopened"; issue: IssueSnapshot; actor: Actor }
  | { kind: "tick"; issue: IssueSnapshot; actor: Actor }
  | {
      kind: "notification-failed";
      issue: IssueSnapshot;
      actor: Actor;
      failures: Array<{ notifier: string; error: string }>;
    }
  | {
      kind: "comment-created";
      issue: IssueSnapshot;
      actor: Actor;
      comment: CommentSnapshot;
      permission?: Permission;
      /** Permissions of the people its commands name (`/handoff @x`), by lowercase login. */
      named?: Record<string, Permission>;
      /** Set when the command came from outside the forge ("PagerDuty", "Slack"). */
      via?: string;
    }
  | {
      kind: "comment-edited";
      issue: IssueSnapshot;
      actor: Actor;
      comment: CommentSnapshot;
      permission?: Permission;
      named?: Record<string, Permission>;
      via?: string;
    }
  | {
      /**
       * Monitoring sent an alert group. `issue` is the issue opened for the group earlier (the app
       * layer finds it by the group's marker, or opens it and declares through `issue-opened`).
       */
      kind: "alert";
      issue: IssueSnapshot;
      actor: Actor;
      alert: AlertGroup;
    }
  | {
      /**
       * A responder acted in PagerDuty or Slack. `id` is the vendor's event id (redeliveries
       * change nothing); `actor` is the forge user once `user` is mapped (`mapped`), else the
       * vendor's name for them. `vouched`: the vendor's signed word is enough for `/ack`.
       */
      kind: "remote-action";
      issue: IssueSnapshot;
      actor: Actor;
      origin: RemoteOrigin;
      id: string;
      user: RemoteUser;
      action: RemoteAction;
      mapped?: boolean;
      vouched?: boolean;
      /** Where to answer the person privately (Slack's `response_url`). */
      replyUrl?: string;
      permission?: Permission;
      named?: Record<string, Permission>;
    };

/** Where an action taken outside the forge came from (a signed vendor request). */
export type RemoteOrigin = "pagerduty" | "slack";

/** What a responder did outside the forge. */
export type RemoteAction =
  /** Commands as a comment would carry them (`/ack`, `/lead`, `/status …`). */
  | { type: "commands"; text: string }
  /** A timeline entry (a PagerDuty note). */
  | { type: "note"; text: string }
  /** The vendor resolved its incident: recorded, and the lead is asked to `/resolve` here. */
  | { type: "resolved-elsewhere" };

/**
 * The person behind a remote action as the vendor names them: `id` is looked up in
 * `notifications.pagerdutyUsers` / `slackUsers` to find their forge user.
 */
export interface RemoteUser {
  id: string;
  name: string;
}

export type CommentEvent = Extract<DomainEvent, { kind: "comment-created" | "comment-edited" }>;
export type RemoteEvent = Extract<DomainEvent, { kind: "remote-action" }>;

export type DomainEventKind = DomainEvent["kind"];
