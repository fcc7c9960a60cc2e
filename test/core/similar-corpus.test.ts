import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  evaluate,
  newest,
  pastEntries,
  score,
  type CorpusIncident,
  type CorpusQuery,
  type PlantedPast,
} from "../../src/bench/similar-corpus.js";
import { queryOf, rankSimilar } from "../../src/core/similar/index.js";

const dir = new URL("../fixtures/similar-corpus/", import.meta.url);
const read = <T>(name: string) => JSON.parse(readFileSync(new URL(name, dir), "utf8")) as T;
const incidents = read<CorpusIncident[]>("incidents.json");
const planted = read<{ pastRecurrences: PlantedPast[]; queries: CorpusQuery[] }>("planted.json");

/** The pure half of `npm run eval:similar` (which also runs it through each sandbox). */
describe("similar incidents on the public post-mortem corpus", () => {
  const entries = pastEntries(incidents, planted.pastRecurrences, "github", "acme/shop");
  const seen = newest(entries);
  const idOf = new Map(seen.map((entry) => [entry.incident.source.number, entry.id]));
  const rank = async (incident: Parameters<typeof queryOf>[0]) =>
    rankSimilar(
      queryOf(incident),
      seen.map((entry) => ({ incident: entry.incident, log: entry.incident.source })),
    ).map((match) => idOf.get(match.incident.source.number)!);

  it("holds at least 100 real incidents, each with a source address, and planted answers that exist", () => {
    expect(incidents.length).toBeGreaterThanOrEqual(100);
    for (const entry of incidents) expect(entry.url).toMatch(/^https?:\/\//);
    const ids = new Set(entries.map((entry) => entry.id));
    for (const query of planted.queries) for (const id of query.relevant) expect(ids).toContain(id);
  });

  it("meets the targets: precision@3 at least 0.8 on planted recurrences, nothing for new kinds", async () => {
    const { planted: recurrences, newKinds } = await evaluate(seen, planted.queries, rank);
    const scores = score(recurrences);
    expect(scores.precision).toBeGreaterThanOrEqual(0.8);
    expect(scores.recall).toBeGreaterThanOrEqual(0.6);
    expect(newKinds.length).toBeGreaterThanOrEqual(8);
    expect(newKinds.filter((entry) => entry.posted.length > 0)).toEqual([]);
  });
});

describe("score", () => {
  it("precision is relevant over posted; recall is found over at most three per query", () => {
    expect(
      score([
        { id: "a", relevant: ["x", "y"], posted: ["x", "z"] },
        { id: "b", relevant: ["p", "q", "r", "s"], posted: ["p", "q", "r"] },
        { id: "c", relevant: [], posted: ["n"] },
      ]),
    ).toEqual({
      precision: 4 / 6,
      recall: (1 / 2 + 1) / 2,
      strictPrecision: (1 / 3 + 3 / 3) / 2,
      posted: 6,
      hits: 4,
      queries: 3,
    });
  });
});
