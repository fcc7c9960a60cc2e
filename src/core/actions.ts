import type { IssueRef } from "./model.js";
import type { Notification } from "./notification.js";

/**
 * Placeholder a comment body may contain; the executor replaces it with a link to the incident's
 * log issue, which may not exist yet when `decide` runs.
 */
export const LOG_LINK = "{{sevbot:log-link}}";
/** Likewise for the issues opened on resolution. */
export const FOLLOW_UP_LINK = "{{sevbot:followUp-link}}";
export const POST_MORTEM_LINK = "{{sevbot:postMortem-link}}";

export type LinkKind = "followUp" | "postMortem" | "securityRelease";

/**
 * What `decide` wants done. Every action carries a stable `key` (incident + kind + step): the
 * executor skips keys already done and looks up the `<!-- sevbot:KEY -->` marker when in doubt.
 */
export type Action =
  | { kind: "comment"; key: string; issue: IssueRef; body: string }
  | { kind: "create-log-issue"; key: string; repo: string; title: string; labels: string[] }
  | {
      kind: "create-issue";
      key: string;
      repo: string;
      title: string;
      body: string;
      labels: string[];
      assignees: string[];
      linkAs: LinkKind;
      confidential: boolean;
    }
  | { kind: "add-labels"; key: string; issue: IssueRef; labels: string[] }
  | { kind: "notify"; key: string; notification: Notification }
  | { kind: "war-room"; key: string; name: string; topic: string; announce: Notification }
  | { kind: "remove-labels"; key: string; issue: IssueRef; labels: string[] }
  /**
   * Lists the log issues of `repo` (one read: their hidden states are the index) and comments on
   * `issue` with the past incidents most like this one (`core/similar`); nothing when none is close,
   * unless `sayWhenNone` (the `/similar` command always answers).
   */
  | {
      kind: "similar";
      key: string;
      issue: IssueRef;
      repo: string;
      label: string;
      sayWhenNone: boolean;
      /** When it was decided, for a timeline note if the read fails. */
      at: string;
    }
  /** Opens an issue for an action item (`/action <text>`), linked to the incident, once. */
  | {
      kind: "create-action-item";
      key: string;
      repo: string;
      title: string;
      body: string;
      labels: string[];
      confidential: boolean;
    }
  | { kind: "close-issue"; key: string; issue: IssueRef }
  | {
      /**
       * Rewrites an issue sevbot opened (`linkAs`) with `body`, unless people edited it since
       * sevbot wrote it: then `comment` is posted on it instead, and their text is left alone.
       */
      kind: "refresh-issue";
      key: string;
      linkAs: LinkKind;
      body: string;
      comment: string;
    };

export type ActionKind = Action["kind"];
