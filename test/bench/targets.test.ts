import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AckRow } from "../../src/bench/ack.js";
import type { FloodRss, IngressRounds } from "../../src/bench/ingress.js";
import type { LoadResult } from "../../src/bench/load.js";
import type { StormRow } from "../../src/bench/storm.js";
import {
  formatTargets,
  targetRows,
  type BenchResults,
  type TargetRow,
} from "../../src/bench/targets.js";

const load = (perSecond: number, p50Ms = 1): LoadResult => ({
  requests: 1000,
  seconds: 1000 / perSecond,
  perSecond,
  p50Ms,
  p99Ms: p50Ms * 3,
  failures: 0,
});
const rss = (peakMiB: number | undefined, underAtS: number | undefined): FloodRss => ({
  peakMiB,
  highWaterMiB: peakMiB,
  afterMiB: 100,
  underAtS,
});
const ingress = (over: Partial<IngressRounds> = {}): IngressRounds => ({
  bare: [load(1000)],
  sevbot: [load(1000)],
  bareRss: rss(80, 0),
  sevbotRss: rss(140, 5),
  driver: "wrk",
  ...over,
});
const stormRow = (over: Partial<StormRow> = {}): StormRow => ({
  deliveries: 1000,
  issues: 1,
  non2xx: 0,
  jobsRun: 20,
  coalesced: 980,
  forgeRequests: 30,
  drainMs: 1500,
  ...over,
});
const storm = (one: Partial<StormRow> = {}, many: Partial<StormRow> = {}) => ({
  one: stormRow({ sev1Elsewhere: { quietMs: 200, duringStormMs: 400 }, ...one }),
  many: stormRow({ issues: 1000, jobsRun: 5000, coalesced: 0, forgeRequests: 6000, ...many }),
});
const ack = (redis: boolean, inFlight: number, p50Ms: number): AckRow => ({
  redis,
  inFlight,
  result: load(500, p50Ms),
});
const acks = (withRedisMs: number) => [
  ack(false, 1, 2),
  ack(false, 16, 10),
  ack(true, 1, withRedisMs),
  ack(true, 16, withRedisMs),
];

/** Every section run, every target met: each test changes one number. */
const allMet = (): BenchResults => ({
  ingress: ingress(),
  overhead: { fetchMs: 1, sevbotMs: 1.5, probotMs: 17 },
  declaration: { reads: 2, writes: 3, searches: 1 },
  storm: storm(),
  acks: acks(10),
  ackInFlight: [1, 16],
});

const verdictOf = (rows: TargetRow[], measure: string) => {
  const found = rows.filter((r) => r.measure.startsWith(measure));
  expect(found).toHaveLength(1);
  return found[0]!.verdict;
};
const verdict = (results: BenchResults, measure: string) => verdictOf(targetRows(results), measure);

describe("issue 16's targets judged on one run", () => {
  it("says every target met when each is, one row per target", () => {
    const rows = targetRows(allMet());
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => r.verdict)).toEqual(Array(9).fill("met"));
    expect(formatTargets(rows).at(-1)).toBe("every target met in this run (9 of 9)");
  });

  it("marks the rows of sections not run, and never says every target met then", () => {
    const rows = targetRows({ ackInFlight: [1, 16] });
    expect(rows.map((r) => r.verdict)).toEqual(Array(9).fill("not run"));
    expect(formatTargets(rows).at(-1)).toContain("0 of 9 targets met");
    const { storm: _storm, ...withoutStorm } = allMet();
    const partial = targetRows(withoutStorm);
    expect(verdictOf(partial, "a Sev-1 on another issue")).toBe("not run");
    expect(verdictOf(partial, "a storm of deliveries")).toBe("not run");
    expect(formatTargets(partial).at(-1)).toBe(
      "7 of 9 targets met; NOT met 0, not run 2, not judged 0",
    );
  });

  it("ingress: met at exactly 1.0× the bare median, not below, not judged without wrk", () => {
    const ratio = (sevbot: number[], bare: number[]) =>
      verdict(
        { ...allMet(), ingress: ingress({ sevbot: sevbot.map(load), bare: bare.map(load) }) },
        "ingress",
      );
    expect(ratio([1000], [1000])).toBe("met");
    expect(ratio([999], [1000])).toBe("NOT met");
    // The median of the per-round ratios: one good round out of three is not enough.
    expect(ratio([900, 950, 1200], [1000, 1000, 1000])).toBe("NOT met");
    expect(ratio([900, 1000, 1200], [1000, 1000, 1000])).toBe("met");
    expect(verdict({ ...allMet(), ingress: ingress({ driver: "node" }) }, "ingress")).toBe(
      "not judged",
    );
  });

  it("RSS: under 150 MiB during (strictly), under 120 MiB within 30 s after", () => {
    const during = (peakMiB: number | undefined) =>
      verdict({ ...allMet(), ingress: ingress({ sevbotRss: rss(peakMiB, 5) }) }, "peak RSS");
    expect(during(149.9)).toBe("met");
    expect(during(150)).toBe("NOT met");
    expect(during(undefined)).toBe("NOT met");
    const after = (underAtS: number | undefined) =>
      verdict({ ...allMet(), ingress: ingress({ sevbotRss: rss(140, underAtS) }) }, "RSS back");
    expect(after(30)).toBe("met");
    expect(after(30.1)).toBe("NOT met");
    expect(after(undefined)).toBe("NOT met");
  });

  it("one read: met up to exactly twice plain fetch", () => {
    const read = (sevbotMs: number) =>
      verdict({ ...allMet(), overhead: { fetchMs: 0.8, sevbotMs, probotMs: 17 } }, "one GitHub");
    expect(read(1.6)).toBe("met");
    expect(read(1.61)).toBe("NOT met");
  });

  it("declaration: 1 read + 3 writes besides the similar-incident search", () => {
    const count = (reads: number, writes: number, searches: number) =>
      verdict({ ...allMet(), declaration: { reads, writes, searches } }, "Sev-1 declaration");
    expect(count(1, 3, 0)).toBe("met");
    expect(count(2, 3, 1)).toBe("met");
    expect(count(2, 3, 0)).toBe("NOT met");
    expect(count(1, 4, 0)).toBe("NOT met");
    // No writes: the declaration did not happen.
    expect(count(0, 0, 0)).toBe("NOT met");
    expect(verdict({ ...allMet(), declaration: null }, "Sev-1 declaration")).toBe("NOT met");
  });

  it("storm for one issue: at most a tenth of the burst's requests, drained, none refused", () => {
    const one = (over: Partial<StormRow>) =>
      verdict({ ...allMet(), storm: storm(over) }, "a storm of deliveries");
    expect(one({ forgeRequests: 600 })).toBe("met");
    expect(one({ forgeRequests: 601 })).toBe("NOT met");
    expect(one({ drainMs: undefined })).toBe("NOT met");
    expect(one({ non2xx: 1 })).toBe("NOT met");
    expect(verdict({ ...allMet(), storm: storm({}, { forgeRequests: 0 }) }, "a storm")).toBe(
      "NOT met",
    );
  });

  it("a Sev-1 elsewhere during the storm: met under 2 s, whatever the quiet baseline", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
        (duringStormMs, quietMs) => {
          const results = {
            ...allMet(),
            storm: storm({ sev1Elsewhere: { quietMs, duringStormMs } }),
          };
          const met = duringStormMs !== undefined && duringStormMs < 2000;
          expect(verdict(results, "a Sev-1 on another issue")).toBe(met ? "met" : "NOT met");
        },
      ),
    );
    expect(verdict({ ...allMet(), storm: storm({ sev1Elsewhere: undefined }) }, "a Sev-1")).toBe(
      "not run",
    );
  });

  it("acks with Redis: each in-flight count judged on its own, under 15 ms", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (oneMs, sixteenMs) => {
          const rows = targetRows({
            ...allMet(),
            acks: [
              ack(false, 1, 1),
              ack(false, 16, 1),
              ack(true, 1, oneMs),
              ack(true, 16, sixteenMs),
            ],
          });
          expect(verdictOf(rows, "acknowledgement p50 with Redis, 1 in")).toBe(
            oneMs < 15 ? "met" : "NOT met",
          );
          expect(verdictOf(rows, "acknowledgement p50 with Redis, 16 in")).toBe(
            sixteenMs < 15 ? "met" : "NOT met",
          );
        },
      ),
    );
    expect(verdict({ ...allMet(), acks: acks(15) }, "acknowledgement p50 with Redis, 1 in")).toBe(
      "NOT met",
    );
    const withoutRedis = targetRows({ ...allMet(), acks: null });
    expect(withoutRedis.filter((r) => r.note === "redis-server not installed")).toHaveLength(2);
  });

  it("prints the measured value and the same run's baseline beside the target", () => {
    const rows = targetRows(allMet());
    const sev1 = rows.find((r) => r.measure.startsWith("a Sev-1 on another issue"))!;
    expect(sev1.value).toBe("0.40 s");
    expect(sev1.baseline).toBe("on the drained server 0.20 s");
    const table = formatTargets(rows);
    expect(table[0]).toContain("baseline (same run)");
    expect(table).toHaveLength(2 + 9 + 1);
  });
});
