import type { IssueSnapshot } from "../events.js";
import type { Incident } from "../model.js";
import { renderSimilar } from "../render/similar.js";
import { readStateBlock } from "../state-block.js";
import { rankSimilar, type PastIncident, type SimilarQuery } from "./rank.js";

export { matchFeatures, type MatchFeatures } from "./features.js";
export { rankSimilar, SIMILAR_TUNING, type SimilarMatch, type SimilarQuery } from "./rank.js";

/** Past incidents from log issues as listed: their hidden state blocks are the index. */
export function pastIncidents(logs: IssueSnapshot[]): PastIncident[] {
  return logs.flatMap((log) => {
    const read = readStateBlock(log.body);
    return read.kind === "ok"
      ? [{ incident: { ...read.incident, log: log.ref }, log: log.ref }]
      : [];
  });
}

export function queryOf(incident: Incident): SimilarQuery {
  return {
    source: incident.source,
    title: incident.title,
    components: incident.components ?? [],
    signature: incident.signature ?? [],
    terms: incident.terms ?? [],
    confidential: incident.confidential,
  };
}

/**
 * The comment to post for an incident given the listed log issues, or undefined when nothing is
 * close enough and nobody asked (`sayWhenNone` is for `/similar`, which always answers).
 */
export function similarComment(
  incident: Incident,
  logs: IssueSnapshot[],
  sayWhenNone: boolean,
): string | undefined {
  const matches = rankSimilar(queryOf(incident), pastIncidents(logs));
  if (matches.length === 0 && !sayWhenNone) return undefined;
  return renderSimilar(matches, incident.source);
}
