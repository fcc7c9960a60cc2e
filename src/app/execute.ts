import type { Action } from "../core/actions.js";
import { LOG_LINK } from "../core/actions.js";
import type { CommentSnapshot, IssueSnapshot } from "../core/events.js";
import { hasMarker, logIssueMarker, logRefMarker, marker } from "../core/markers.js";
import { issueKey, sameIssue, type Incident } from "../core/model.js";
import { issueLink } from "../core/render/format.js";
import { renderLogIssueBody } from "../core/render/log-issue.js";
import type { Forge } from "../ports/forge.js";

export interface ExecutionContext {
  forge: Forge;
  /** The issue the event was about, as the webhook described it (its labels in particular). */
  source: IssueSnapshot;
  sourceComments: CommentSnapshot[];
  /** Where the log issue was written as created, so the save step can skip an identical write. */
  onLogCreated: (stored: { title: string; body: string }) => void;
}

/**
 * Carries out actions in order, idempotently (principle 3): a key already done or a marker already
 * present is skipped; a write that failed in an ambiguous way is looked up before it is retried.
 * Returns the incident with its log reference and ledger updated.
 */
export async function executeActions(actions: Action[], incident: Incident | undefined, context: ExecutionContext): Promise<Incident | undefined> {
  let current = incident;
  for (const action of actions) {
    current = await executeAction(action, current, context);
  }
  return current;
}

async function executeAction(action: Action, incident: Incident | undefined, context: ExecutionContext): Promise<Incident | undefined> {
  switch (action.kind) {
    case "create-log-issue":
      return incident ? ensureLogIssue(action, incident, context) : incident;
    case "comment":
      return ensureComment(action, incident, context);
    case "add-labels":
      await addMissingLabels(action, context);
      return incident;
    case "remove-labels":
      await removePresentLabels(action, context);
      return incident;
  }
}

async function ensureLogIssue(action: Extract<Action, { kind: "create-log-issue" }>, incident: Incident, { forge, onLogCreated }: ExecutionContext): Promise<Incident> {
  if (incident.log) return incident;
  // An earlier attempt may have created the log before failing: look for its marker first.
  const existing = await forge.findIssueByMarker(action.repo, action.labels[0] ?? "", logIssueMarker(incident.source));
  if (existing) return { ...incident, log: existing.ref };
  const body = renderLogIssueBody(incident, action.repo);
  const created = await forge.createIssue(action.repo, { title: action.title, body, labels: action.labels, confidential: incident.confidential });
  onLogCreated({ title: action.title, body });
  return { ...incident, log: created.ref };
}

async function ensureComment(action: Extract<Action, { kind: "comment" }>, incident: Incident | undefined, context: ExecutionContext): Promise<Incident | undefined> {
  const onSource = sameIssue(action.issue, context.source.ref);
  const ledgerKey = `${issueKey(action.issue)}/${action.key}`;
  if (incident?.done.includes(ledgerKey)) return incident;
  if (onSource && context.sourceComments.some((comment) => comment.byBot && hasMarker(comment.body, action.key))) return incident;
  const body = commentBody(action, incident);
  try {
    const created = await context.forge.createComment(action.issue, body);
    if (onSource) context.sourceComments.push(created);
  } catch (error) {
    // The write may have succeeded before the error (a 5xx after the write): look before retrying.
    const comments = await context.forge.listComments(action.issue);
    if (!comments.some((comment) => comment.byBot && hasMarker(comment.body, action.key))) throw error;
  }
  // Comments on the source issue are found by their markers on every load; others need the ledger.
  if (onSource || !incident) return incident;
  return { ...incident, done: [...incident.done, ledgerKey] };
}

function commentBody(action: Extract<Action, { kind: "comment" }>, incident: Incident | undefined): string {
  const link = incident?.log ? issueLink(incident.log, action.issue) : "(being created)";
  const reference = incident?.log ? `\n${logRefMarker(incident.log)}` : "";
  return `${action.body.split(LOG_LINK).join(link)}\n\n${marker(action.key)}${reference}`;
}

async function addMissingLabels(action: Extract<Action, { kind: "add-labels" }>, { forge, source }: ExecutionContext): Promise<void> {
  const onIssue = sameIssue(action.issue, source.ref) ? new Set(source.labels.map((label) => label.toLowerCase())) : new Set<string>();
  const missing = action.labels.filter((label) => !onIssue.has(label.toLowerCase()));
  if (missing.length > 0) await forge.addLabels(action.issue, missing);
}

async function removePresentLabels(action: Extract<Action, { kind: "remove-labels" }>, { forge }: ExecutionContext): Promise<void> {
  for (const label of action.labels) await forge.removeLabel(action.issue, label);
}
