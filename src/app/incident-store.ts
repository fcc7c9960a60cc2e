import type { SevbotConfig } from "../config/schema.js";
import type { CommentSnapshot, IssueSnapshot } from "../core/events.js";
import { findLogRef, logIssueMarker } from "../core/markers.js";
import { issueKey, type Incident, type IssueRef } from "../core/model.js";
import { rebuildIncident } from "../core/rebuild.js";
import { logIssueTitle, renderLogIssueBody } from "../core/render/log-issue.js";
import { readStateBlock } from "../core/state-block.js";
import type { Forge } from "../ports/forge.js";
import type { DeclarationTokens } from "./declaration-tokens.js";
import { onTracker, TrackerUnusable } from "./tracker-fallback.js";

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
  return incidentFromLog(await forge.getIssue(logRef), source, sourceComments, config, now);
}

/** The incident a log issue holds (its state block, or what is visible when that is broken). */
export function incidentFromLog(
  log: IssueSnapshot,
  source: IssueSnapshot,
  sourceComments: CommentSnapshot[],
  config: SevbotConfig,
  now: Date,
): LoadedIncident {
  const stored = { title: log.title, body: log.body };
  const read = readStateBlock(log.body);
  // The title comes from the source issue: a confidential incident's log stores only a codename.
  if (read.kind === "ok")
    return {
      incident: { ...read.incident, log: log.ref, title: source.title || read.incident.title },
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

/**
 * Before declaring on an issue whose comments carry no log reference: the log an earlier attempt
 * opened, found by its marker. An attempt that opened the log and failed before any comment
 * carried its reference (a job dropped for good, or one still being retried) left it findable
 * only so. It is looked for where attempts opened logs for this source (the declaration tokens
 * remember it: `tracker.repository` may have changed since) and in today's tracker. The first
 * attempt after sevbot saw the issue opened skips the search (`declaration-tokens.ts`). Today's
 * tracker refusing for good throws `TrackerUnusable` (the declaration falls back to the source).
 */
export async function findEarlierLog(
  forge: Forge,
  declarations: DeclarationTokens | undefined,
  declaring: { repo: string; labels: string[] },
  source: IssueRef,
  now: Date,
): Promise<IssueSnapshot | undefined> {
  if (declarations && (await declarations.spend(source, declaring.repo))) return undefined;
  const opened = declarations ? await declarations.trackers(source) : [];
  const since = new Date(now.getTime() - EARLIER_LOG_WINDOW_MS).toISOString();
  for (const repo of new Set([...opened, declaring.repo])) {
    const label = declaring.labels[0] ?? "";
    const search = () => forge.findIssueByMarker(repo, label, logIssueMarker(source), since);
    try {
      const found = await onTracker(repo, search);
      if (found) return found;
    } catch (error) {
      // An earlier tracker that is gone (the typo a fallback replaced) cannot hold a usable log.
      if (repo === declaring.repo || !(error instanceof TrackerUnusable)) throw error;
    }
  }
  return undefined;
}

/** Logs are searched among issues updated this recently (a log sevbot still ticks is). */
const EARLIER_LOG_WINDOW_MS = 86_400_000;

export function trackerRepoOf(incident: Incident): string {
  return incident.log?.repo ?? incident.source.repo;
}

/** Writes the incident back to its log issue, only when something people or sevbot read changed. */
export async function saveIncident(
  forge: Forge,
  incident: Incident,
  stored: LoadedIncident["stored"],
  { guard = false }: { guard?: boolean } = {},
): Promise<boolean> {
  if (!incident.log) return false;
  const tracker = trackerRepoOf(incident);
  const title = logIssueTitle(incident, tracker);
  const body = renderLogIssueBody(incident, tracker);
  if (stored && stored.title === title && stored.body === body) return false;
  if (
    guard &&
    stored &&
    stateOf((await forge.getIssue(incident.log)).body) !== stateOf(stored.body)
  )
    throw new LogChangedError(incident.log);
  await forge.updateIssue(incident.log, {
    title,
    body,
    state: incident.status === "resolved" ? "closed" : "open",
  });
  return true;
}

/** The state a log body holds, to compare two reads of it whatever the forge did to its text. */
function stateOf(body: string): string {
  const read = readStateBlock(body);
  return read.kind === "ok" ? JSON.stringify(read.incident) : body;
}

/**
 * The log changed between this job's read and its write: another process wrote it (the Action's
 * runs for the log issue or the scheduler, `sevbot tick` beside a server), and writing now would
 * undo what it recorded. Retried like any failure: the next attempt decides on what the log says
 * then, and every write the first attempt made is found again by its marker or label.
 */
export class LogChangedError extends Error {
  constructor(log: IssueRef) {
    super(`the incident log ${issueKey(log)} changed while this job ran; deciding again on it`);
  }
}
