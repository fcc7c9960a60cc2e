import type { Severity } from "../model.js";

/** A slash command found in a comment. `line` is the text as written, for keys and replies. */
export type Command =
  | { name: "ack"; line: string }
  | { name: "lead"; line: string; user?: string; team?: string }
  | { name: "handoff"; line: string; user?: string; team?: string }
  | { name: "sev"; line: string; severity?: Severity }
  | { name: "status"; line: string; text: string }
  | { name: "timeline"; line: string; time?: string; text: string; badTime?: string }
  | { name: "mitigate"; line: string }
  | { name: "decide"; line: string; option: string }
  | { name: "mitigated"; line: string; summary: string }
  | {
      name: "resolve";
      line: string;
      /** What was done to end it (seed 001's "short summary"): free text after `/resolve`. */
      summary?: string;
      /** Only when stated: `root cause: <text>` or `root cause unknown`. */
      rootCause?: { known: boolean; text?: string };
      /** `root cause:` was written with nothing after it. */
      emptyRootCause?: boolean;
    }
  | { name: "reopen"; line: string }
  /** `/page @user [reason]` or `/page team-name [reason]`. */
  | {
      name: "page";
      line: string;
      target?: string;
      reason: string;
      /** Written `@name`: a person; a bare name is a team or rotation. */
      mention?: boolean;
    }
  | { name: "help"; line: string }
  | { name: "similar"; line: string }
  | { name: "impact"; line: string; text: string }
  /** `issue` when the text is an issue reference (linked); otherwise `text` is a new issue's title. */
  | { name: "action"; line: string; issue?: string; text: string }
  | { name: "unknown"; line: string; word: string };

export type CommandName = Command["name"];

export const COMMAND_NAMES = [
  "ack",
  "lead",
  "handoff",
  "sev",
  "status",
  "timeline",
  "mitigate",
  "decide",
  "mitigated",
  "resolve",
  "reopen",
  "page",
  "similar",
  "impact",
  "action",
  "help",
] as const;
