import type { LoadedConfig } from "../config/load.js";
import { LOG_LINK, type Action } from "../core/actions.js";
import type { IssueSnapshot } from "../core/events.js";
import type { IssueRef } from "../core/model.js";
import type { Forge } from "../ports/forge.js";
import { statusOf } from "./http-status.js";
import { isUnusableRepository } from "./retry-policy.js";

/**
 * The configured tracker refused for good (it does not exist, or sevbot may not write there): a
 * typo in `tracker.repository` must not drop the emergency. The declaration then keeps the log
 * in the source repository, as with no tracker configured (handle-event.ts decides it).
 */
export class TrackerUnusable extends Error {
  /** The cause's status, so the retry policy treats it as the cause (a refusal for good). */
  readonly status: number | undefined;
  constructor(
    readonly tracker: string,
    override readonly cause: unknown,
  ) {
    super(`tracker ${tracker} cannot be used: ${messageOf(cause)}`);
    this.name = "TrackerUnusable";
    this.status = statusOf(cause);
  }
}

/** Runs a request on the tracker; a refusal for good becomes `TrackerUnusable`. */
export async function onTracker<T>(tracker: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw isUnusableRepository(error) && !(error instanceof TrackerUnusable)
      ? new TrackerUnusable(tracker, error)
      : error;
  }
}

/** The same config with no tracker: the log goes to the source repository. */
export function withoutTracker(loaded: LoadedConfig): LoadedConfig {
  const { config } = loaded;
  return { ...loaded, config: { ...config, tracker: { ...config.tracker, repository: "" } } };
}

/** Said once on the source issue: which tracker failed, why, where the log is, what to fix. */
export function fallbackNotice(failure: TrackerUnusable, source: IssueRef): Action {
  const gitlab = source.platform === "gitlab";
  const file = gitlab ? ".gitlab/sevbot.yml" : ".github/sevbot.yml";
  const here = gitlab ? "project" : "repository";
  const access = gitlab
    ? "sevbot's token a member there"
    : "the App installed there; for the Action, a `tracker-token` that reaches it";
  const status = statusOf(failure.cause);
  return {
    kind: "comment",
    key: "tracker-fallback",
    issue: source,
    body: [
      `⚠️ sevbot could not open this incident's log in the tracker \`${failure.tracker}\`` +
        " (`tracker.repository`):",
      "",
      `> ${status ?? "error"}: ${messageOf(failure.cause)}`,
      "",
      `So that the incident is not lost, its log is kept in this ${here} instead: ${LOG_LINK}.` +
        " Escalation, commands and resolution work as usual.",
      "",
      `To fix it, set \`tracker.repository\` in \`${file}\` to a ${here} that exists and where` +
        ` sevbot may write issues (${access}), or remove it to keep logs here. Incidents declared` +
        " after the fix use it; this one keeps its log here.",
    ].join("\n"),
  };
}

/** The notice right after the checklist: what to do is read first, no later failure holds it up. */
export function withNotice(actions: Action[], notice: Action): Action[] {
  const checklist = actions.findIndex((action) => action.key === "checklist");
  const log = actions.findIndex((action) => action.kind === "create-log-issue");
  const at = Math.max(checklist, log) + 1;
  return [...actions.slice(0, at), notice, ...actions.slice(at)];
}

/**
 * The open logs a scheduler ticks in `tracker`. Where the tracker cannot be used for good, the
 * declarations of `sources` (the repositories whose config names it) kept their logs at home:
 * those are listed instead, so their incidents still escalate.
 */
export async function openLogsIn(
  forge: Forge,
  tracker: string,
  label: string,
  sources: string[],
): Promise<IssueSnapshot[]> {
  try {
    return await forge.listOpenIssues(tracker, label);
  } catch (error) {
    const homes = sources.filter((source) => source !== tracker);
    if (!isUnusableRepository(error) || homes.length === 0) throw error;
    const listed = await Promise.all(homes.map((home) => forge.listOpenIssues(home, label)));
    return listed.flat();
  }
}

function messageOf(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split("\n")[0]!
    .slice(0, 300);
}
