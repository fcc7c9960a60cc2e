import type { Incident, IssueRef } from "../model.js";
import { tokenize } from "./tokens.js";

/** The incident being declared, as far as matching goes. */
export interface SimilarQuery {
  source: IssueRef;
  title: string;
  components: string[];
  signature: string[];
  terms: string[];
  confidential: boolean;
}

/** A past incident read from its log issue's state. */
export interface PastIncident {
  incident: Incident;
  log: IssueRef;
}

export interface SimilarMatch extends PastIncident {
  score: number;
  why: { components: string[]; signature: string[]; terms: string[] };
}

/**
 * Weights and cut-offs, tuned on the public post-mortem corpus (`npm run eval:similar`). Precision
 * over recall: a match needs a score of MIN_SCORE and real evidence (an error signature in common,
 * or many rare words); matches far below the best one are dropped.
 */
export const SIMILAR_TUNING = {
  signatureWeight: 0.45,
  termsWeight: 0.4,
  componentWeight: 0.15,
  minScore: 0.3,
  minTermsAlone: 0.3,
  minSignatureAlone: 0.25,
  relativeToBest: 0.6,
  limit: 3,
};

interface Document {
  past: PastIncident;
  components: Set<string>;
  signature: Set<string>;
  terms: Set<string>;
}

function documentOf(past: PastIncident): Document {
  const { incident } = past;
  const text = [
    incident.title,
    incident.rootCause?.text ?? "",
    incident.resolutionSummary ?? "",
    incident.mitigationDecision ?? "",
  ].join("\n");
  return {
    past,
    components: new Set((incident.components ?? []).map((name) => name.toLowerCase())),
    signature: new Set(incident.signature ?? []),
    terms: new Set([...tokenize(text), ...(incident.terms ?? [])]),
  };
}

/** Rarity across the log: a word in every incident says nothing, one in two incidents says a lot. */
function inverseFrequencies(sets: Array<Set<string>>): (key: string) => number {
  const counts = new Map<string, number>();
  for (const set of sets) for (const key of set) counts.set(key, (counts.get(key) ?? 0) + 1);
  const total = sets.length;
  return (key) =>
    Math.log(1 + (total - (counts.get(key) ?? 0) + 0.5) / ((counts.get(key) ?? 0) + 0.5));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Cosine of the two sets as vectors of rarity weights. */
function cosine(a: Set<string>, b: Set<string>, weight: (key: string) => number): number {
  const norm = (set: Set<string>) => Math.sqrt(sum([...set].map((key) => weight(key) ** 2)));
  const denominator = norm(a) * norm(b);
  if (denominator === 0) return 0;
  return sum([...a].filter((key) => b.has(key)).map((key) => weight(key) ** 2)) / denominator;
}

/** Rarity-weighted Jaccard: how much of both signatures is shared. */
function overlap(a: Set<string>, b: Set<string>, weight: (key: string) => number): number {
  const union = new Set([...a, ...b]);
  const whole = sum([...union].map(weight));
  if (whole === 0) return 0;
  return sum([...a].filter((key) => b.has(key)).map(weight)) / whole;
}

function shared(a: Set<string>, b: Set<string>, weight: (key: string) => number, limit: number) {
  return [...a]
    .filter((key) => b.has(key))
    .sort((x, y) => weight(y) - weight(x) || x.localeCompare(y))
    .slice(0, limit);
}

/** Past incidents eligible for this query: not itself, no drills, confidential only into confidential. */
export function eligible(query: SimilarQuery, past: PastIncident): boolean {
  const { incident } = past;
  if (incident.drill) return false;
  if (incident.confidential && !query.confidential) return false;
  const self = incident.source;
  return !(
    self.platform === query.source.platform &&
    self.repo === query.source.repo &&
    self.number === query.source.number
  );
}

/** Up to three past incidents most like the query, best first; none when nothing is close. */
export function rankSimilar(
  query: SimilarQuery,
  candidates: PastIncident[],
  tuning = SIMILAR_TUNING,
): SimilarMatch[] {
  const documents = candidates.filter((past) => eligible(query, past)).map(documentOf);
  if (documents.length === 0) return [];
  const queryTerms = new Set([...tokenize(query.title), ...query.terms]);
  const querySignature = new Set(query.signature);
  const queryComponents = new Set(query.components.map((name) => name.toLowerCase()));
  const termWeight = inverseFrequencies([queryTerms, ...documents.map((doc) => doc.terms)]);
  const signatureWeight = inverseFrequencies([
    querySignature,
    ...documents.map((doc) => doc.signature),
  ]);
  const scored = documents.map((doc) => {
    const terms = cosine(queryTerms, doc.terms, termWeight);
    const signature = overlap(querySignature, doc.signature, signatureWeight);
    const component = [...queryComponents].some((name) => doc.components.has(name)) ? 1 : 0;
    const score =
      tuning.signatureWeight * signature +
      tuning.termsWeight * terms +
      tuning.componentWeight * component;
    const evidence = signature >= tuning.minSignatureAlone || terms >= tuning.minTermsAlone;
    return { doc, score, evidence, terms, signature };
  });
  const kept = scored
    .filter((entry) => entry.evidence && entry.score >= tuning.minScore)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.doc.past.incident.declaredAt.localeCompare(a.doc.past.incident.declaredAt),
    );
  const best = kept[0]?.score ?? 0;
  return kept
    .filter((entry) => entry.score >= best * tuning.relativeToBest)
    .slice(0, tuning.limit)
    .map(({ doc, score }) => ({
      ...doc.past,
      score,
      why: {
        components: [...queryComponents].filter((name) => doc.components.has(name)),
        signature: shared(querySignature, doc.signature, signatureWeight, 3),
        terms: shared(queryTerms, doc.terms, termWeight, 5),
      },
    }));
}
