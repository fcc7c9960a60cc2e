import type { SevbotConfig } from "../config/schema.js";
import type { CommentSnapshot, IssueSnapshot } from "../core/events.js";
import { findLogRef } from "../core/markers.js";
import type { Incident } from "../core/model.js";
import { rebuildIncident } from "../core/rebuild.js";
import { logIssueTitle, renderLogIssueBody } from "../core/render/log-issue.js";
import { readStateBlock } from "../core/state-block.js";
import type { Forge } from "../ports/forge.js";

/** The tracker is the database (principle 2): an incident is loaded from the forge every time. */
export interface LoadedIncident {
  incident: Incident | undefined;
  sourceComments: CommentSnapshot[];
  /** Title and body of the log issue as stored, to skip writes that change nothing. */
  stored?: { title: string; body: string };
}

/** Finds the incident of a source issue through the log reference in sevbot's own comments. */
export async function loadIncident(
  forge: Forge,
  source: IssueSnapshot,
  config: SevbotConfig,
  now: Date,
): Promise<LoadedIncident> {
  const sourceComments = await forge.listComments(source.ref);
  const logRef = sourceComments
    .filter((comment) => comment.byBot)
    .map((comment) => findLogRef(comment.body))
    .find(Boolean);
  if (!logRef) return { incident: undefined, sourceComments };
  const log = await forge.getIssue(logRef);
  const stored = { title: log.title, body: log.body };
  const read = readStateBlock(log.body);
  // The title comes from the source issue: a confidential incident's log stores only a codename.
  if (read.kind === "ok")
    return {
      incident: { ...read.incident, log: logRef, title: source.title || read.incident.title },
      sourceComments,
      stored,
    };
  const reason = read.kind === "missing" ? "the state block is missing" : read.reason;
  const incident = rebuildIncident({
    source,
    log,
    sourceComments,
    reason,
    config,
    now: now.toISOString(),
  });
  return { incident, sourceComments, stored };
}

export function trackerRepoOf(incident: Incident): string {
  return incident.log?.repo ?? incident.source.repo;
}

/** Writes the incident back to its log issue, only when something people or sevbot read changed. */
export async function saveIncident(
  forge: Forge,
  incident: Incident,
  stored: LoadedIncident["stored"],
): Promise<boolean> {
  if (!incident.log) return false;
  const tracker = trackerRepoOf(incident);
  const title = logIssueTitle(incident, tracker);
  const body = renderLogIssueBody(incident, tracker);
  if (stored && stored.title === title && stored.body === body) return false;
  await forge.updateIssue(incident.log, {
    title,
    body,
    state: incident.status === "resolved" ? "closed" : "open",
  });
  return true;
}
