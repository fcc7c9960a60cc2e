import type { Action } from "../core/actions.js";
import type { CommentSnapshot, IssueSnapshot } from "../core/events.js";
import {
  hasMarker,
  isUnedited,
  logIssueMarker,
  logRefMarker,
  marker,
  sealBody,
} from "../core/markers.js";
import { issueKey, sameIssue, type Incident, type IssueRef } from "../core/model.js";
import { renderLogIssueBody } from "../core/render/log-issue.js";
import { similarComment } from "../core/similar/index.js";
import type { Notification } from "../core/notification.js";
import type { Forge } from "../ports/forge.js";
import type { WarRoom } from "../ports/notifier.js";
import {
  closeIssue,
  createdSince,
  createOrFind,
  ensureActionItem,
  ensureIssue,
  linkMarker,
  withLinks,
} from "./execute-issues.js";
import { addMissingLabels, removePresentLabels } from "./execute-labels.js";

export interface ExecutionContext {
  forge: Forge;
  /** The issue the event was about, as the webhook described it (its labels in particular). */
  source: IssueSnapshot;
  sourceComments: CommentSnapshot[];
  /** Source comments were not listed (scheduler ticks): comment keys must go into the ledger. */
  sourceCommentsUnknown?: boolean;
  /** Comments of other issues (and of the source in ticks) this job listed, by issue key. */
  listedComments?: Map<string, CommentSnapshot[]>;
  /** Creates a chat channel where a notifier can (Slack with a bot token); undefined otherwise. */
  createWarRoom?: (name: string, topic: string) => Promise<WarRoom | undefined>;
  /** Hands a notification to the notifiers, in the background (never throws, never waits). */
  notify: (notification: Notification, source: IssueRef) => void;
  /** Where the log issue was written as created, so the save step can skip an identical write. */
  onLogCreated: (stored: { title: string; body: string }) => void;
}

/**
 * Carries out actions in order, idempotently (principle 3): a key already done or a marker already
 * present is skipped; a write that failed in an ambiguous way is looked up before it is retried.
 * Returns the incident with its log reference and ledger updated.
 */
export async function executeActions(
  actions: Action[],
  incident: Incident | undefined,
  context: ExecutionContext,
): Promise<Incident | undefined> {
  let current = incident;
  for (const action of actions) {
    current = await executeAction(action, current, context);
  }
  return current;
}

async function executeAction(
  action: Action,
  incident: Incident | undefined,
  context: ExecutionContext,
): Promise<Incident | undefined> {
  switch (action.kind) {
    case "create-log-issue":
      return incident ? ensureLogIssue(action, incident, context) : incident;
    case "comment":
      return ensureComment(action, incident, context);
    case "create-issue":
      return incident ? ensureIssue(action, incident, context) : incident;
    case "add-labels":
      await addMissingLabels(action, context);
      return incident;
    case "remove-labels":
      await removePresentLabels(action, context);
      return incident;
    case "notify":
      if (incident) return sendNotification(action, incident, context);
      // About an issue with no incident (a security report): the notifiers' sent ledger keeps it to once.
      context.notify(action.notification, context.source.ref);
      return incident;
    case "war-room":
      return incident ? openWarRoom(action, incident, context) : incident;
    case "similar":
      return incident ? postSimilar(action, incident, context) : incident;
    case "create-action-item":
      return incident ? ensureActionItem(action, incident, context) : incident;
    case "close-issue":
      return incident ? closeIssue(action, incident, context) : incident;
    case "refresh-issue":
      return incident ? refreshIssue(action, incident, context) : incident;
  }
}

/**
 * One read (the newest log issues, whose hidden states are the index), a pure ranking, and a
 * comment when something is close. A failed read never fails the declaration: the timeline says
 * so and `/similar` tries again.
 */
async function postSimilar(
  action: Extract<Action, { kind: "similar" }>,
  incident: Incident,
  context: ExecutionContext,
): Promise<Incident | undefined> {
  const posted = context.sourceComments.some(
    (comment) => comment.byBot && hasMarker(comment.body, action.key),
  );
  if (posted || incident.done.includes(`${issueKey(action.issue)}/${action.key}`)) return incident;
  let body: string | undefined;
  try {
    body = similarComment(
      incident,
      await context.forge.listRecentIssues(action.repo, action.label),
      action.sayWhenNone,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const text = `Similar past incidents not searched (${reason}); reply /similar to try again`;
    return { ...incident, timeline: [...incident.timeline, { at: action.at, text }] };
  }
  if (body === undefined) return incident;
  return ensureComment(
    { kind: "comment", key: action.key, issue: action.issue, body },
    incident,
    context,
  );
}

/** Rewrites an issue sevbot opened when nobody edited it since; otherwise comments on it. */
async function refreshIssue(
  action: Extract<Action, { kind: "refresh-issue" }>,
  incident: Incident,
  context: ExecutionContext,
): Promise<Incident> {
  const ref = incident.links[action.linkAs];
  if (!ref || incident.done.includes(action.key)) return incident;
  const current = await context.forge.getIssue(ref);
  if (isUnedited(current.body)) {
    const body = `${withLinks(action.body, incident, ref)}\n\n${linkMarker(action.linkAs, incident)}`;
    await context.forge.updateIssue(ref, { body: sealBody(body) });
  } else {
    const commented = await ensureComment(
      { kind: "comment", key: `${action.key}-comment`, issue: ref, body: action.comment },
      incident,
      context,
    );
    incident = commented ?? incident;
  }
  return { ...incident, done: [...incident.done, action.key] };
}

export interface NotifyFailure {
  notifier: string;
  error: string;
}

/**
 * Notifications go out in the background: a slow or failing notifier never holds up the forge
 * actions or the others. Its final failure comes back as an event and lands in the timeline.
 */
function sendNotification(
  action: Extract<Action, { kind: "notify" }>,
  incident: Incident,
  context: ExecutionContext,
): Incident {
  context.notify(action.notification, incident.source);
  return incident.done.includes(action.key)
    ? incident
    : { ...incident, done: [...incident.done, action.key] };
}

/** The war room is created once; its link goes to the issue and to the incidents channel. */
async function openWarRoom(
  action: Extract<Action, { kind: "war-room" }>,
  incident: Incident,
  context: ExecutionContext,
): Promise<Incident> {
  if (incident.warRoom || !context.createWarRoom) return incident;
  const room = await context.createWarRoom(action.name, action.topic);
  if (!room) return incident;
  const withRoom = { ...incident, warRoom: { name: room.name, url: room.url, id: room.id } };
  const linked = await ensureComment(
    {
      kind: "comment",
      key: "war-room",
      issue: incident.source,
      body: `💬 War room: [#${room.name}](${room.url}), join to help.`,
    },
    withRoom,
    context,
  );
  context.notify(
    { ...action.announce, text: `${action.announce.text} #${room.name} ${room.url}` },
    incident.source,
  );
  return linked ?? withRoom;
}

async function ensureLogIssue(
  action: Extract<Action, { kind: "create-log-issue" }>,
  incident: Incident,
  { forge, onLogCreated }: ExecutionContext,
): Promise<Incident> {
  if (incident.log) return incident;
  // The job looked for a log an earlier attempt opened before deciding (`findEarlierLog`).
  const since = createdSince(incident);
  const body = renderLogIssueBody(incident, action.repo);
  const created = await createOrFind(
    forge,
    action.repo,
    action.labels[0] ?? "",
    logIssueMarker(incident.source),
    since,
    () =>
      forge.createIssue(action.repo, {
        title: action.title,
        body,
        labels: action.labels,
        confidential: incident.confidential,
      }),
  );
  onLogCreated({ title: action.title, body });
  return { ...incident, log: created.ref };
}

async function ensureComment(
  action: Extract<Action, { kind: "comment" }>,
  incident: Incident | undefined,
  context: ExecutionContext,
): Promise<Incident | undefined> {
  const onSource = sameIssue(action.issue, context.source.ref);
  const ledgerKey = `${issueKey(action.issue)}/${action.key}`;
  if (incident?.done.includes(ledgerKey)) return incident;
  // Source comments are listed on every load; elsewhere (and in ticks) the ledger records what was
  // written, but it is saved only when the job ends: a job that failed after writing left no record,
  // so the issue's comments are looked up (once per job) before writing again.
  const listed = onSource && !context.sourceCommentsUnknown;
  const comments = listed ? context.sourceComments : await commentsOn(action.issue, context);
  const written = (all: CommentSnapshot[]) =>
    all.some((comment) => comment.byBot && hasMarker(comment.body, action.key));
  if (written(comments)) return listed || !incident ? incident : withKey(incident, ledgerKey);
  const body = commentBody(action, incident);
  try {
    comments.push(await context.forge.createComment(action.issue, body));
  } catch (error) {
    // The write may have succeeded before the error (a 5xx after the write): look before retrying.
    const found = (await context.forge.listComments(action.issue)).find(
      (comment) => comment.byBot && hasMarker(comment.body, action.key),
    );
    if (!found) throw error;
    comments.push(found); // a second action with this key in the job must find it too
  }
  return listed || !incident ? incident : withKey(incident, ledgerKey);
}

function withKey(incident: Incident, key: string): Incident {
  return { ...incident, done: [...incident.done, key] };
}

/** An issue's comments, listed once per job (the list grows with what the job writes there). */
async function commentsOn(issue: IssueRef, context: ExecutionContext): Promise<CommentSnapshot[]> {
  context.listedComments ??= new Map();
  const key = issueKey(issue);
  let comments = context.listedComments.get(key);
  if (!comments)
    context.listedComments.set(key, (comments = await context.forge.listComments(issue)));
  return comments;
}

function commentBody(
  action: Extract<Action, { kind: "comment" }>,
  incident: Incident | undefined,
): string {
  const reference =
    incident?.log && sameIssue(action.issue, incident.source)
      ? `\n${logRefMarker(incident.log)}`
      : "";
  return `${withLinks(action.body, incident, action.issue)}\n\n${marker(action.key)}${reference}`;
}
