import type { AckRow } from "./ack.js";
import { median, type IngressRounds } from "./ingress.js";
import type { RequestOverhead } from "./request-overhead.js";
import type { StormRow } from "./storm.js";

/**
 * Issue 16's targets, judged on what one bench run measured: one row per target, each beside
 * the baseline measured in the same run. Pure: the sections' results in, rows out.
 */
export const TARGETS = {
  /** sevbot's deliveries/s over bare Probot's, median of alternating rounds, load from wrk. */
  ingressRatio: 1.0,
  rssDuringMiB: 150,
  rssAfterMiB: 120,
  rssAfterSeconds: 30,
  /** One read through sevbot's Octokit at most this many times plain fetch's. */
  readOverFetch: 2,
  declarationReads: 1,
  declarationWrites: 3,
  /**
   * O(1) in one run: a storm for one issue may cost at most this share of the forge requests of
   * as many deliveries over as many issues (each a declaration, so the share shrinks as 1/N).
   */
  stormShareOfBurst: 0.1,
  sev1ElsewhereMs: 2000,
  ackWithRedisMs: 15,
} as const;

export type Verdict = "met" | "NOT met" | "not run" | "not judged";

export interface TargetRow {
  measure: string;
  value: string;
  baseline: string;
  target: string;
  verdict: Verdict;
  /** Why a row is not run or not judged. */
  note?: string;
}

/** What the declaration step of the `requests` section counted. */
export interface DeclarationCount {
  reads: number;
  writes: number;
  /** The similar-incident search, counted apart from the target. */
  searches: number;
}

/** The sections' results; a section not run is absent. */
export interface BenchResults {
  ingress?: IngressRounds;
  overhead?: RequestOverhead;
  /** `null`: the section ran but found no declaration step. */
  declaration?: DeclarationCount | null;
  storm?: { one: StormRow; many: StormRow };
  /** `null`: the section ran without Redis (redis-server not installed). */
  acks?: AckRow[] | null;
  /** In-flight counts of the acks section, for its rows when it did not run. */
  ackInFlight: number[];
}

const judge = (ok: boolean): Verdict => (ok ? "met" : "NOT met");
const num = (value: number | undefined, digits = 1) =>
  value === undefined ? "n/a" : value.toFixed(digits);
const below = (value: number | undefined, limit: number) => value !== undefined && value < limit;

/** Peak RSS during the flood: the sampled peak is judged, the kernel's high-water mark shown. */
export function rssDuringMet(peakMiB: number | undefined): boolean {
  return below(peakMiB, TARGETS.rssDuringMiB);
}

/** Back under the level within the time, counted from the end of the flood. */
export function rssAfterMet(underAtS: number | undefined): boolean {
  return underAtS !== undefined && underAtS <= TARGETS.rssAfterSeconds;
}

export function sev1ElsewhereMet(duringStormMs: number | undefined): boolean {
  return below(duringStormMs, TARGETS.sev1ElsewhereMs);
}

export function ackMet(p50Ms: number | undefined): boolean {
  return below(p50Ms, TARGETS.ackWithRedisMs);
}

export function targetRows(results: BenchResults): TargetRow[] {
  return [
    ...ingressRows(results.ingress),
    sev1ElsewhereRow(results.storm),
    overheadRow(results.overhead),
    declarationRow(results.declaration),
    stormRow(results.storm),
    ...ackRows(results.acks, results.ackInFlight),
  ];
}

function notRun(measure: string, target: string, note?: string): TargetRow {
  return {
    measure,
    value: "—",
    baseline: "—",
    target,
    verdict: "not run",
    ...(note ? { note } : {}),
  };
}

function ingressRows(ingress: IngressRounds | undefined): TargetRow[] {
  const measure = "ingress vs bare Probot (median of alternating rounds)";
  const target = `≥ ${TARGETS.ingressRatio.toFixed(1)}×, load from outside Node`;
  const during = "peak RSS during the ingress flood (sampled)";
  const after = `RSS back under ${TARGETS.rssAfterMiB} MiB after the flood`;
  const duringTarget = `< ${TARGETS.rssDuringMiB} MiB`;
  const afterTarget = `within ${TARGETS.rssAfterSeconds} s`;
  if (!ingress)
    return [notRun(measure, target), notRun(during, duringTarget), notRun(after, afterTarget)];
  const ratios = ingress.sevbot.map((r, index) => r.perSecond / ingress.bare[index]!.perSecond);
  const ratio = ratios.length > 0 ? median(ratios) : undefined;
  const rate = (rounds: typeof ingress.bare) =>
    rounds.length > 0 ? median(rounds.map((r) => r.perSecond)) : undefined;
  const fromWrk = ingress.driver === "wrk";
  const { sevbotRss: sevbot, bareRss: bare } = ingress;
  const afterValue = (r: typeof sevbot) =>
    `${r.underAtS === undefined ? "not under" : `under after ${num(r.underAtS)} s`}, ${num(r.afterMiB)} MiB at the end`;
  return [
    {
      measure,
      value: `${num(ratio, 2)}× (sevbot ${num(rate(ingress.sevbot), 0)}/s)`,
      baseline: `bare Probot ${num(rate(ingress.bare), 0)}/s`,
      target,
      // The in-process generator is the bottleneck (docs/operations.md): its ratio says little.
      ...(fromWrk
        ? { verdict: judge(ratio !== undefined && ratio >= TARGETS.ingressRatio) }
        : { verdict: "not judged", note: "load from this process; BENCH_DRIVER=wrk" }),
    },
    {
      measure: during,
      value: `${num(sevbot.peakMiB)} MiB (high-water ${num(sevbot.highWaterMiB)})`,
      baseline: `bare Probot ${num(bare.peakMiB)} MiB`,
      target: duringTarget,
      verdict: judge(rssDuringMet(sevbot.peakMiB)),
    },
    {
      measure: after,
      value: afterValue(sevbot),
      baseline: `bare Probot ${afterValue(bare)}`,
      target: afterTarget,
      verdict: judge(rssAfterMet(sevbot.underAtS)),
    },
  ];
}

function sev1ElsewhereRow(storm: BenchResults["storm"]): TargetRow {
  const measure = "a Sev-1 on another issue during a storm on one issue: label to first comment";
  const target = `< ${TARGETS.sev1ElsewhereMs / 1000} s`;
  const sev1 = storm?.one.sev1Elsewhere;
  if (!sev1) return notRun(measure, target);
  const ms = (value: number | undefined) =>
    value === undefined ? "no comment within 60 s" : `${num(value / 1000, 2)} s`;
  return {
    measure,
    value: ms(sev1.duringStormMs),
    baseline: `on the drained server ${ms(sev1.quietMs)}`,
    target,
    verdict: judge(sev1ElsewhereMet(sev1.duringStormMs)),
  };
}

function overheadRow(overhead: RequestOverhead | undefined): TargetRow {
  const measure = "one GitHub read through sevbot's Octokit";
  const target = `≤ ${TARGETS.readOverFetch}× plain fetch`;
  if (!overhead) return notRun(measure, target);
  return {
    measure,
    value: `${num(overhead.sevbotMs, 2)} ms (${num(overhead.sevbotMs / overhead.fetchMs, 2)}×)`,
    baseline: `plain fetch ${num(overhead.fetchMs, 2)} ms; Probot's stock Octokit ${num(overhead.probotMs, 2)} ms`,
    target,
    verdict: judge(overhead.sevbotMs <= TARGETS.readOverFetch * overhead.fetchMs),
  };
}

function declarationRow(declaration: DeclarationCount | null | undefined): TargetRow {
  const measure = "Sev-1 declaration, warm config: forge requests";
  const target = `${TARGETS.declarationReads} read + ${TARGETS.declarationWrites} writes`;
  if (declaration === undefined) return notRun(measure, target);
  if (declaration === null)
    return { measure, value: "no declaration step", baseline: "", target, verdict: "NOT met" };
  const reads = declaration.reads - declaration.searches;
  return {
    measure,
    value: `${reads} read${reads === 1 ? "" : "s"} + ${declaration.writes} writes`,
    baseline: `the similar-incident search apart: ${declaration.searches} read; 3 writes are the floor`,
    target,
    // Fewer writes than the floor means the declaration did not happen, not a better one.
    verdict: judge(
      reads <= TARGETS.declarationReads && declaration.writes === TARGETS.declarationWrites,
    ),
  };
}

function stormRow(storm: BenchResults["storm"]): TargetRow {
  const measure = "a storm of deliveries for one issue: forge requests";
  const target = `O(1): ≤ ${TARGETS.stormShareOfBurst * 100} % of as many deliveries over as many issues, drained, none refused`;
  if (!storm) return notRun(measure, target);
  const { one, many } = storm;
  const share = many.forgeRequests > 0 ? one.forgeRequests / many.forgeRequests : undefined;
  const drained = (r: StormRow) =>
    r.drainMs === undefined ? "not drained" : `drained in ${num(r.drainMs / 1000, 2)} s`;
  return {
    measure,
    value: `${one.forgeRequests} for ${one.deliveries} deliveries (${num(share === undefined ? undefined : share * 100)} %), ${drained(one)}`,
    baseline: `${many.forgeRequests} for ${many.deliveries} over ${many.issues} issues, ${drained(many)}`,
    target,
    verdict: judge(
      share !== undefined &&
        share <= TARGETS.stormShareOfBurst &&
        one.drainMs !== undefined &&
        one.non2xx === 0,
    ),
  };
}

function ackRows(acks: AckRow[] | null | undefined, inFlight: number[]): TargetRow[] {
  const measure = (n: number) => `acknowledgement p50 with Redis, ${n} in flight`;
  const target = `< ${TARGETS.ackWithRedisMs} ms`;
  if (acks === undefined) return inFlight.map((n) => notRun(measure(n), target));
  if (acks === null)
    return inFlight.map((n) => notRun(measure(n), target, "redis-server not installed"));
  return acks
    .filter((r) => r.redis)
    .map((r) => {
      const inProcess = acks.find((other) => !other.redis && other.inFlight === r.inFlight);
      return {
        measure: measure(r.inFlight),
        value: `${num(r.result.p50Ms, 2)} ms`,
        baseline: `in-process queue ${num(inProcess?.result.p50Ms, 2)} ms`,
        target,
        verdict: judge(ackMet(r.result.p50Ms)),
      };
    });
}

/** The summary table, then one line: every target met, or how many were not. */
export function formatTargets(rows: TargetRow[]): string[] {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const lines = [
    "| issue 16 target | measured | baseline (same run) | target | |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${[r.measure, r.value, r.baseline, r.target, r.note ? `${r.verdict} (${r.note})` : r.verdict].map(cell).join(" | ")} |`,
    ),
  ];
  const count = (verdict: Verdict) => rows.filter((r) => r.verdict === verdict).length;
  const met = count("met");
  lines.push(
    met === rows.length
      ? `every target met in this run (${met} of ${rows.length})`
      : `${met} of ${rows.length} targets met; NOT met ${count("NOT met")}, not run ${count("not run")}, not judged ${count("not judged")}`,
  );
  return lines;
}
