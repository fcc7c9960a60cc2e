import type { Incident, IssueRef, Platform, Severity } from "../core/model.js";
import { matchFeatures } from "../core/similar/features.js";

/**
 * The similar-incident evaluation's corpus (test/fixtures/similar-corpus): public post-mortems as
 * short facts, recurrences planted among them, and new reports with the answers judged in advance.
 * Pure: the runner reads the files and talks to the sandbox.
 */
export interface CorpusIncident {
  id: string;
  source: string;
  company: string;
  date: string;
  dateApprox?: boolean;
  /** The collection's own grouping (danluu/post-mortems sections), or `macintux:<keywords>`. */
  cause: string;
  component: string;
  url: string;
  summary: string;
  /** Illustrative log lines written for the corpus (not quoted from the write-up). */
  repro?: string[];
}

export interface PlantedPast {
  id: string;
  recurrenceOf: string;
  date: string;
  component: string;
  summary: string;
  repro?: string[];
}

export interface CorpusQuery {
  id: string;
  component: string;
  title: string;
  body: string;
  relevant: string[];
}

export interface PastEntry {
  id: string;
  cause: string;
  incident: Incident;
}

/** Placeholder durations: the write-ups' own are not part of the corpus. */
const RESOLVED_AFTER_MS = 90 * 60_000;

function severityOf(summary: string): Severity {
  return /\b(down|outage|offline|lost|collapse)/i.test(summary) ? 1 : 2;
}

/** Every past incident as its log issue's state, oldest first, numbered from 1. */
export function pastEntries(
  incidents: CorpusIncident[],
  planted: PlantedPast[],
  platform: Platform,
  repo: string,
): PastEntry[] {
  const all = [
    ...incidents.map((entry) => ({ ...entry, repro: entry.repro ?? [] })),
    ...planted.map((entry) => ({
      ...entry,
      cause: `planted:${entry.recurrenceOf}`,
      repro: entry.repro ?? [],
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  return all.map((entry, index) => {
    const declaredAt = new Date(`${entry.date}T12:00:00.000Z`).toISOString();
    const source: IssueRef = { platform, repo, number: index + 1 };
    return {
      id: entry.id,
      cause: entry.cause,
      incident: {
        source,
        title: entry.summary,
        severity: severityOf(entry.summary),
        status: "resolved",
        declaredAt,
        resolvedAt: new Date(Date.parse(declaredAt) + RESOLVED_AFTER_MS).toISOString(),
        confidential: false,
        components: [entry.component],
        ...matchFeatures(entry.summary, entry.repro.join("\n")),
        timeline: [],
        links: {},
        done: [],
      },
    };
  });
}

/** A new report as the declaration would remember it. */
export function queryIncident(
  query: { title: string; body: string; component: string },
  source: IssueRef,
): Incident {
  return {
    source,
    title: query.title,
    severity: 2,
    status: "declared",
    declaredAt: "2026-11-22T12:00:00.000Z",
    confidential: false,
    components: [query.component],
    ...matchFeatures(query.title, query.body),
    timeline: [],
    links: {},
    done: [],
  };
}

export interface Judged {
  id: string;
  relevant: string[];
  posted: string[];
}

export interface Scores {
  /** Relevant among all posted (micro average); 1 when nothing was posted at all. */
  precision: number;
  /** Mean over queries with a relevant answer of found / min(3, relevant). */
  recall: number;
  /** The textbook P@3: relevant in the top three over three, averaged over those queries. */
  strictPrecision: number;
  posted: number;
  hits: number;
  queries: number;
}

export function score(judged: Judged[]): Scores {
  const withAnswers = judged.filter((entry) => entry.relevant.length > 0);
  const posted = judged.reduce((sum, entry) => sum + entry.posted.length, 0);
  const hits = judged.reduce(
    (sum, entry) => sum + entry.posted.filter((id) => entry.relevant.includes(id)).length,
    0,
  );
  const recall =
    withAnswers.length === 0
      ? 0
      : withAnswers.reduce(
          (sum, entry) =>
            sum +
            entry.posted.filter((id) => entry.relevant.includes(id)).length /
              Math.min(3, entry.relevant.length),
          0,
        ) / withAnswers.length;
  const strictPrecision =
    withAnswers.length === 0
      ? 0
      : withAnswers.reduce(
          (sum, entry) => sum + entry.posted.filter((id) => entry.relevant.includes(id)).length / 3,
          0,
        ) / withAnswers.length;
  return {
    precision: posted === 0 ? 1 : hits / posted,
    recall,
    strictPrecision,
    posted,
    hits,
    queries: judged.length,
  };
}

/** The listing's window: the newest `window` logs, as one page of the platform's issue list. */
export function newest(entries: PastEntry[], window = 100): PastEntry[] {
  return entries.slice(-window);
}

export interface Evaluation {
  planted: Judged[];
  newKinds: Judged[];
  byCause: Judged[];
}

/**
 * Judges the ranking: each query against the past it would see, and each incident of a named
 * danluu section in the window as if declared again (itself excluded), against its section.
 */
export async function evaluate(
  seen: PastEntry[],
  queries: CorpusQuery[],
  rank: (incident: Incident) => Promise<string[]>,
): Promise<Evaluation> {
  const judged: Judged[] = [];
  for (const [index, query] of queries.entries())
    judged.push({
      id: query.id,
      relevant: query.relevant,
      posted: await rank(
        queryIncident(query, { ...seen[0]!.incident.source, number: 10_000 + index }),
      ),
    });
  const byCause: Judged[] = [];
  for (const entry of seen.filter((past) => NAMED_SECTIONS.includes(past.cause)))
    byCause.push({
      id: entry.id,
      relevant: seen
        .filter((other) => other.cause === entry.cause && other.id !== entry.id)
        .map((other) => other.id),
      posted: await rank(entry.incident),
    });
  return {
    planted: judged.filter((entry) => entry.relevant.length > 0),
    newKinds: judged.filter((entry) => entry.relevant.length === 0),
    byCause,
  };
}

/** danluu/post-mortems' sections that group by cause ("Uncategorized" groups nothing). */
export const NAMED_SECTIONS = ["config-errors", "hardware-power", "conflicts", "time"];
