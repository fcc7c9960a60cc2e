import type { Action } from "../core/actions.js";
import { FOLLOW_UP_LINK, LOG_LINK, POST_MORTEM_LINK } from "../core/actions.js";
import type { IssueSnapshot } from "../core/events.js";
import { marker, sealBody } from "../core/markers.js";
import { issueKey, sameIssue, type Incident, type IssueRef } from "../core/model.js";
import { issueLink } from "../core/render/format.js";
import type { Forge } from "../ports/forge.js";
import type { ExecutionContext } from "./execute.js";
import { statusOf } from "./http-status.js";

/**
 * The issues sevbot opens for an incident (follow-up, post-mortem, security release, action
 * items): each carries a marker naming the incident, so a retry finds it instead of opening it
 * twice, and its body's link placeholders are filled in once the linked issues exist.
 */

/** Opens the action item's issue, or finds it by its marker after a failed attempt; links it. */
export async function ensureActionItem(
  action: Extract<Action, { kind: "create-action-item" }>,
  incident: Incident,
  { forge }: ExecutionContext,
): Promise<Incident> {
  if (incident.done.includes(action.key)) return incident;
  const ownMarker = marker(`${action.key}-for ${issueKey(incident.source)}`);
  const since = createdSince(incident);
  const label = action.labels[0] ?? "";
  const existing = await forge.findIssueByMarker(action.repo, label, ownMarker, since);
  const created =
    existing ??
    (await createOrFind(forge, action.repo, label, ownMarker, since, () =>
      forge.createIssue(action.repo, {
        title: action.title,
        body: `${withLinks(action.body, incident, { ...incident.source, repo: action.repo })}\n\n${ownMarker}`,
        labels: action.labels,
        confidential: action.confidential,
        relatesTo: incident.source,
      }),
    ));
  const items = incident.actionItems ?? [];
  return {
    ...incident,
    actionItems: items.some((item) => sameIssue(item, created.ref))
      ? items
      : [...items, created.ref],
    done: [...incident.done, action.key],
  };
}

/** Closing is idempotent on both forges; the ledger spares the request on a retry. */
export async function closeIssue(
  action: Extract<Action, { kind: "close-issue" }>,
  incident: Incident,
  { forge }: ExecutionContext,
): Promise<Incident> {
  if (incident.done.includes(action.key)) return incident;
  await forge.updateIssue(action.issue, { state: "closed" });
  return { ...incident, done: [...incident.done, action.key] };
}

/** Finds an issue sevbot opened for the incident again (its marker is in the body). */
export function linkMarker(linkAs: string, incident: Incident): string {
  return marker(`${linkAs}-for ${issueKey(incident.source)}`);
}

/** Replaces link placeholders with references to issues that exist by now. */
export function withLinks(body: string, incident: Incident | undefined, from: IssueRef): string {
  const link = (ref: IssueRef | undefined) => (ref ? issueLink(ref, from) : "(not opened)");
  return body
    .split(LOG_LINK)
    .join(link(incident?.log))
    .split(FOLLOW_UP_LINK)
    .join(link(incident?.links.followUp))
    .split(POST_MORTEM_LINK)
    .join(link(incident?.links.postMortem));
}

export async function ensureIssue(
  action: Extract<Action, { kind: "create-issue" }>,
  incident: Incident,
  { forge }: ExecutionContext,
): Promise<Incident> {
  if (incident.links[action.linkAs]) return incident;
  const ownMarker = linkMarker(action.linkAs, incident);
  const since = createdSince(incident);
  const existing = await forge.findIssueByMarker(
    action.repo,
    action.labels[0] ?? "",
    ownMarker,
    since,
  );
  const link = (ref: IssueRef) => ({
    ...incident,
    links: { ...incident.links, [action.linkAs]: ref },
  });
  if (existing) return link(existing.ref);
  const issue = {
    title: action.title,
    body: sealBody(
      `${withLinks(action.body, incident, { ...incident.source, repo: action.repo })}\n\n${ownMarker}`,
    ),
    labels: action.labels,
    confidential: action.confidential,
  };
  const create = async () => {
    try {
      return await forge.createIssue(action.repo, {
        ...issue,
        assignees: action.assignees,
        relatesTo: incident.source,
      });
    } catch (error) {
      // An assignee GitHub cannot assign (not a collaborator) fails the whole request: open it unassigned.
      if (action.assignees.length === 0 || statusOf(error) !== 422) throw error;
      return forge.createIssue(action.repo, { ...issue, relatesTo: incident.source });
    }
  };
  return link(
    (await createOrFind(forge, action.repo, action.labels[0] ?? "", ownMarker, since, create)).ref,
  );
}

/** Creates an issue; when the request fails, the issue may exist anyway (5xx after the write): look right away. */
export async function createOrFind(
  forge: Forge,
  repo: string,
  label: string,
  ownMarker: string,
  since: string,
  create: () => Promise<IssueSnapshot>,
): Promise<IssueSnapshot> {
  try {
    return await create();
  } catch (error) {
    const found = await forge.findIssueByMarker(repo, label, ownMarker, since);
    if (found) return found;
    throw error;
  }
}

/** Issues sevbot opens for an incident are created after it was declared (a day of slack: clock skew, and drills on an accelerated clock). */
export function createdSince(incident: Incident): string {
  return new Date(Date.parse(incident.declaredAt) - 86_400_000).toISOString();
}
