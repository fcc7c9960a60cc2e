import type { Action } from "../actions.js";
import type { CommentEvent } from "../events.js";
import { neutralizeMentions } from "../mentions.js";
import type { Incident, RootCause } from "../model.js";
import { formatDuration, issueLink } from "../render/format.js";
import { incidentDisplayTitle } from "../render/log-issue.js";
import { renderPostMortemBody } from "../render/resolution.js";
import type { DecideContext } from "./types.js";

/** What a `/resolve` says: the summary of what ended it, and the root cause when stated. */
export interface ResolutionStatement {
  summary?: string;
  rootCause?: RootCause;
}

export const EMPTY_ROOT_CAUSE =
  "`root cause:` had nothing after it, so the root cause is still unknown. State it with `/resolve root cause: <what it was>` once it is known (or `/resolve root cause unknown`).";

type Step = { incident: Incident; actions: Action[] };

/**
 * `/resolve …` on an incident that is already resolved (closed without `/resolve`, or the root
 * cause found later): records what it states and refreshes what that makes stale.
 */
export function recordAfterResolution(
  incident: Incident,
  statement: ResolutionStatement,
  emptyRootCause: boolean | undefined,
  event: CommentEvent,
  context: DecideContext,
): Step {
  const replyKey = (what: string) => `${what}-${event.comment.id}-${incident.timeline.length}`;
  const reply = (what: string, body: string): Action => ({
    kind: "comment",
    key: replyKey(what),
    issue: incident.source,
    body,
  });
  if (!statement.summary && !statement.rootCause)
    return {
      incident,
      actions: [
        reply(
          "refused",
          emptyRootCause
            ? EMPTY_ROOT_CAUSE
            : "The incident is already resolved. To record what was found, reply `/resolve root cause: <what it was>` (a summary of the fix may come before `root cause:`).",
        ),
      ],
    };
  const actor = event.actor.login;
  const said = [
    statement.summary ? `summary: ${statement.summary}` : "",
    statement.rootCause ? rootCauseText(statement.rootCause) : "",
  ].filter(Boolean);
  const recorded: Incident = {
    ...incident,
    ...(statement.summary ? { resolutionSummary: statement.summary } : {}),
    ...(statement.rootCause ? { rootCause: statement.rootCause } : {}),
    timeline: [
      ...incident.timeline,
      { at: context.now, text: `Recorded by ${actor}: ${said.join("; ")}`, actor },
    ],
  };
  const step = recorded.timeline.length;
  const refreshed = refreshAfterResolution(incident, recorded, step, context);
  const done = [
    `📝 Recorded: ${neutralizeMentions(said.join("; "))}.`,
    ...refreshed.said,
    emptyRootCause ? `\n${EMPTY_ROOT_CAUSE}` : "",
  ].filter(Boolean);
  return {
    incident: refreshed.incident,
    actions: [...refreshed.actions, reply("recorded", done.join(" "))],
  };
}

function rootCauseText(rootCause: RootCause): string {
  return rootCause.known ? `root cause: ${rootCause.text ?? "identified"}` : "root cause unknown";
}

/**
 * What an earlier resolution left behind and this one makes stale: the follow-up opened to find
 * the root cause is closed once the root cause is known; the post-mortem gets the new root cause
 * and durations. Each is said on the timeline.
 */
export function refreshAfterResolution(
  before: Incident,
  after: Incident,
  step: number,
  { now }: DecideContext,
): Step & { said: string[] } {
  const actions: Action[] = [];
  const notes: string[] = [];
  const followUp = before.links.followUp;
  if (followUp && !before.rootCause?.known && after.rootCause?.known) {
    actions.push(
      {
        kind: "comment",
        key: `follow-up-found-${step}`,
        issue: followUp,
        body: `✅ The root cause is known: ${neutralizeMentions(after.rootCause.text ?? "identified")}. Closing this follow-up; reopen it if a fix is still to be done.`,
      },
      { kind: "close-issue", key: `follow-up-close-${step}`, issue: followUp },
    );
    notes.push(`Follow-up ${issueLink(followUp)} closed: the root cause is known`);
  }
  const postMortem = before.links.postMortem;
  if (postMortem && postMortemChanged(before, after)) {
    const title = incidentDisplayTitle(after, postMortem.repo);
    actions.push({
      kind: "refresh-issue",
      key: `post-mortem-refresh-${step}`,
      linkAs: "postMortem",
      body: renderPostMortemBody(after, title),
      comment: postMortemNote(after),
    });
    notes.push(`Post-mortem ${issueLink(postMortem)} updated: root cause and durations`);
  }
  return {
    incident: {
      ...after,
      timeline: [...after.timeline, ...notes.map((text) => ({ at: now, text }))],
    },
    actions,
    said: notes.map((note) => `${note}.`),
  };
}

function postMortemChanged(before: Incident, after: Incident): boolean {
  return (
    before.resolvedAt !== after.resolvedAt ||
    before.resolutionSummary !== after.resolutionSummary ||
    JSON.stringify(before.rootCause ?? null) !== JSON.stringify(after.rootCause ?? null)
  );
}

/** Posted instead of rewriting a post-mortem people have already edited. */
function postMortemNote(incident: Incident): string {
  const since = (at: string | undefined) => (at ? formatDuration(incident.declaredAt, at) : "—");
  return [
    "🔄 The incident changed since this post-mortem was opened; the body was edited by people, so here is what is new:",
    "",
    `- **Root cause:** ${incident.rootCause?.known ? neutralizeMentions(incident.rootCause.text ?? "identified") : "not identified yet"}`,
    ...(incident.resolutionSummary
      ? [`- **Resolution:** ${neutralizeMentions(incident.resolutionSummary)}`]
      : []),
    `- **Time to acknowledge:** ${since(incident.acknowledgedAt)} (first acknowledgement)`,
    `- **Time to mitigate:** ${since(incident.mitigatedAt)}`,
    `- **Time to resolve:** ${since(incident.resolvedAt)}`,
  ].join("\n");
}
