import type { AckRow } from "./ack.js";
import type { FloodRss } from "./ingress.js";
import { median } from "./ingress.js";
import type { StormRow } from "./storm.js";

export function row(cells: Array<string | number>): string {
  return `| ${cells.map(String).join(" | ")} |`;
}

export const fmt = (value: number | undefined, digits = 1) =>
  value === undefined ? "n/a" : value.toFixed(digits);

/** Targets of issue 16, printed beside what was measured. */
export const TARGETS = { rssDuringMiB: 150, rssAfterMiB: 120, ackWithRedisMs: 15 };

const met = (ok: boolean | undefined) => (ok === undefined ? "n/a" : ok ? "met" : "NOT met");

export function printRss(
  bare: FloodRss,
  sevbot: FloodRss,
  afterSeconds: number,
  pollMs: number,
): void {
  console.log(
    `\n| RSS over the ingress rounds (sampled every ${pollMs} ms) | peak sampled MiB | high-water mark MiB | ${afterSeconds} s after MiB | under ${TARGETS.rssAfterMiB} MiB after |\n| --- | --- | --- | --- | --- |`,
  );
  const line = (name: string, r: FloodRss) =>
    row([
      name,
      fmt(r.peakMiB),
      fmt(r.highWaterMiB),
      fmt(r.afterMiB),
      r.underAtS === undefined ? "no" : `${fmt(r.underAtS)} s`,
    ]);
  console.log(line("bare Probot (the baseline)", bare));
  console.log(line("sevbot", sevbot));
  console.log(
    `RSS targets: during < ${TARGETS.rssDuringMiB} MiB ${met(sevbot.peakMiB === undefined ? undefined : sevbot.peakMiB < TARGETS.rssDuringMiB)}; under ${TARGETS.rssAfterMiB} MiB within ${afterSeconds} s ${met(sevbot.afterMiB === undefined ? undefined : sevbot.underAtS !== undefined)}`,
  );
}

export function printStorm(one: StormRow, many: StormRow): void {
  console.log(
    `\n| storm: ${one.deliveries} Sev-1 deliveries, fresh delivery ids | non-2xx | jobs run (with the webhooks sevbot's own writes cause) | coalesced | forge requests | drained after s |\n| --- | --- | --- | --- | --- | --- |`,
  );
  const line = (name: string, r: StormRow) =>
    row([
      name,
      r.non2xx,
      r.jobsRun,
      r.coalesced,
      r.forgeRequests,
      fmt(r.drainMs === undefined ? undefined : r.drainMs / 1000, 2),
    ]);
  console.log(line("for one issue (a redelivery storm)", one));
  console.log(line(`over ${many.issues} issues (the baseline: every one handled)`, many));
  console.log(
    `one issue's storm: ${one.forgeRequests} forge requests for ${one.deliveries} deliveries (${fmt(one.forgeRequests / Math.max(1, many.forgeRequests / many.issues), 1)}× one declaration's requests)`,
  );
}

export function printAcks(rows: AckRow[]): void {
  console.log(
    `\n| acknowledgement, 1 replica | in flight | deliveries | p50 ms | p99 ms | deliveries/s | non-2xx |\n| --- | --- | --- | --- | --- | --- | --- |`,
  );
  for (const { redis, inFlight, result } of rows)
    console.log(
      row([
        redis ? "with Redis (BullMQ)" : "in-process queue (the baseline)",
        inFlight,
        result.requests,
        fmt(result.p50Ms, 2),
        fmt(result.p99Ms, 2),
        fmt(result.perSecond, 0),
        result.failures,
      ]),
    );
  const withRedis = rows.filter((r) => r.redis).map((r) => r.result.p50Ms);
  if (withRedis.length > 0)
    console.log(
      `ack p50 with Redis: ${withRedis.map((ms) => fmt(ms, 2)).join(" / ")} ms (target < ${TARGETS.ackWithRedisMs} ms: ${met(median(withRedis) < TARGETS.ackWithRedisMs)})`,
    );
}
