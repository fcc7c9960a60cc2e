import type { AckRow } from "./ack.js";
import type { FloodRss } from "./ingress.js";
import type { StormRow } from "./storm.js";
import { ackMet, rssAfterMet, rssDuringMet, sev1ElsewhereMet, TARGETS } from "./targets.js";

export function row(cells: Array<string | number>): string {
  return `| ${cells.map(String).join(" | ")} |`;
}

export const fmt = (value: number | undefined, digits = 1) =>
  value === undefined ? "n/a" : value.toFixed(digits);

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
    `RSS targets: during < ${TARGETS.rssDuringMiB} MiB ${met(sevbot.peakMiB === undefined ? undefined : rssDuringMet(sevbot.peakMiB))}; under ${TARGETS.rssAfterMiB} MiB within ${TARGETS.rssAfterSeconds} s ${met(sevbot.afterMiB === undefined ? undefined : rssAfterMet(sevbot.underAtS))}`,
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
  console.log(
    line(
      one.sev1Elsewhere
        ? "for one issue (a redelivery storm; a Sev-1 on another issue during it)"
        : "for one issue (a redelivery storm)",
      one,
    ),
  );
  console.log(line(`over ${many.issues} issues (the baseline: every one handled)`, many));
  console.log(
    `one issue's storm: ${one.forgeRequests} forge requests for ${one.deliveries} deliveries (${fmt(one.forgeRequests / Math.max(1, many.forgeRequests / many.issues), 1)}× one declaration's requests)`,
  );
  const sev1 = one.sev1Elsewhere;
  if (!sev1) return;
  const seconds = (ms: number | undefined) => fmt(ms === undefined ? undefined : ms / 1000, 2);
  console.log(
    `\n| a Sev-1 on another issue (another repository: its jobs are in the row above, its forge requests are not) | s from the label to its first comment |\n| --- | --- |`,
  );
  console.log(
    row(["on the drained server, before the storm (the baseline)", seconds(sev1.quietMs)]),
  );
  console.log(
    row([
      `labelled when ${Math.floor(one.deliveries / 2)} of the ${one.deliveries} deliveries for one issue were sent`,
      seconds(sev1.duringStormMs),
    ]),
  );
  console.log(
    `Sev-1 elsewhere during the storm: target < ${TARGETS.sev1ElsewhereMs / 1000} s ${met(sev1ElsewhereMet(sev1.duringStormMs))}`,
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
  const withRedis = rows.filter((r) => r.redis);
  if (withRedis.length > 0)
    console.log(
      `ack p50 with Redis (target < ${TARGETS.ackWithRedisMs} ms at each): ${withRedis.map((r) => `${fmt(r.result.p50Ms, 2)} ms at ${r.inFlight} in flight ${met(ackMet(r.result.p50Ms))}`).join(", ")}`,
    );
}
