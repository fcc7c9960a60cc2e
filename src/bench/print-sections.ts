import { availableParallelism } from "node:os";
import type { BurstResult } from "./burst.js";
import { median, type IngressRounds } from "./ingress.js";
import type { LoadResult } from "./load.js";
import type { ReplicaRow } from "./replicas.js";
import { fmt, row } from "./report.js";
import type { RequestOverhead } from "./request-overhead.js";
import { declarationOf, type StepRequests } from "./requests.js";
import { formatTargets, targetRows, type BenchResults } from "./targets.js";

/** The tables of the ingress, overhead, requests, burst and replicas sections, and the summary. */

export interface ReplicaSettings {
  incidents: number;
  writeIntervalMs: number;
}

export function printOverhead(overhead: RequestOverhead) {
  console.log(`\n| one GitHub read, one at a time (loopback sandbox) | ms each |\n| --- | --- |`);
  console.log(row(["plain fetch (the baseline)", fmt(overhead.fetchMs, 2)]));
  console.log(
    row([
      "sevbot's Octokit (throttling with timer-free limiters, light retry, ETags)",
      fmt(overhead.sevbotMs, 2),
    ]),
  );
  console.log(row(["Probot's stock Octokit (Bottleneck throughout)", fmt(overhead.probotMs, 2)]));
}

export function printRequests(steps: StepRequests[]) {
  const declaration = declarationOf(steps) ?? { reads: 0, writes: 0, searches: 0 };
  const total = steps.reduce(
    (sum, step) => ({ reads: sum.reads + step.reads, writes: sum.writes + step.writes }),
    { reads: 0, writes: 0 },
  );
  console.log(
    `\n| forge requests (config cached, token excluded) | reads | writes | total |\n| --- | --- | --- | --- |`,
  );
  console.log(
    row([
      "Sev-1 declaration (target 1 read + 3 writes, besides the similar-incident search)",
      declaration.reads,
      declaration.writes,
      declaration.reads + declaration.writes,
    ]),
  );
  console.log(
    row([
      "… of which the similar-incident search (the newest 100 log issues listed; their hidden states are the index, not the platform's search: see README; precision and time: `npm run eval:similar`)",
      declaration.searches,
      0,
      declaration.searches,
    ]),
  );
  console.log(
    row([
      "full lifecycle (scenario sev1-checkout-outage, with its escalations and reminders)",
      total.reads,
      total.writes,
      total.reads + total.writes,
    ]),
  );
}

export function printBurst(burst: BurstResult) {
  console.log(
    `\n| burst: ${burst.backlog} Sev-4 events queued, then one Sev-1 | ms after the Sev-1 label |\n| --- | --- |`,
  );
  console.log(row(["Sev-1 checklist written", fmt(burst.sev1ChecklistMs, 0)]));
  console.log(
    row([
      `backlog drained (Sev-4 notes still unwritten when the checklist went out: ${burst.backlogLeftAtSev1})`,
      fmt(burst.backlogDrainedMs, 0),
    ]),
  );
}

export function printIngress({ bare, sevbot, driver }: IngressRounds) {
  const line = (name: string, r: LoadResult, ratio: string) =>
    row([name, fmt(r.perSecond, 0), ratio, fmt(r.p50Ms, 2), fmt(r.p99Ms, 2), r.failures]);
  console.log(
    row(["round, server", "deliveries/s", "sevbot vs bare", "p50 ack ms", "p99 ack ms", "non-2xx"]),
  );
  console.log(row(["---", "---", "---", "---", "---", "---"]));
  const ratios = sevbot.map((r, index) => r.perSecond / bare[index]!.perSecond);
  bare.forEach((r, index) => {
    console.log(line(`${index + 1}, bare Probot (no-op handler)`, r, ""));
    console.log(line(`${index + 1}, sevbot`, sevbot[index]!, `${fmt(ratios[index], 2)}×`));
  });
  console.log(
    driver === "wrk"
      ? "(load from wrk: C, 2 threads, outside Node)"
      : "(load from this process, which shares the 2 cores with both servers: against wrk it sent under a quarter of wrk's rate and its ratio swung the other way (docs/operations.md, *Is the load generator the bottleneck?*), so it is the bottleneck here and the ingress target is judged on BENCH_DRIVER=wrk rounds only)",
  );
  const p99s = sevbot.map((r) => r.p99Ms);
  console.log(
    `ingress, median of ${ratios.length} rounds: sevbot at ${fmt(median(ratios), 2)}× bare Probot's throughput (target ≥ 1.0× (issue 16); rounds ${ratios.map((ratio) => fmt(ratio, 2)).join(", ")}); p99 ${fmt(median(p99s), 2)} ms (target < 50 ms; rounds ${p99s.map((p99) => fmt(p99, 1)).join(", ")})`,
  );
}

export function printReplicaRows(
  rows: ReplicaRow[] | undefined,
  { incidents, writeIntervalMs }: ReplicaSettings,
) {
  if (!rows) return console.log("\n1 vs 3 replicas: n/a (redis-server not installed)");
  console.log(
    `\n| 1 vs 3 replicas: ${incidents} distinct issues labelled severity::1, one Redis, round-robin balancer | deliveries/s | p50 ack ms | p99 ack ms | non-2xx | end-to-end s | incidents/s | missing | duplicates | forge writes | peak RSS MiB (sum) |`,
  );
  console.log(row(Array.from({ length: 12 }, () => "---")));
  const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
  const incidentsPerSecond = (r: ReplicaRow) =>
    r.endToEndMs === undefined ? undefined : incidents / (r.endToEndMs / 1000);
  for (const r of rows) {
    console.log(
      row([
        r.replicas === 1 ? "1 replica" : `${r.replicas} replicas`,
        fmt(r.deliveriesPerSecond, 0),
        fmt(r.p50AckMs, 2),
        fmt(r.p99AckMs, 2),
        r.non2xx,
        fmt(seconds(r.endToEndMs), 2),
        fmt(incidentsPerSecond(r)),
        r.missing,
        r.duplicates,
        r.writes,
        fmt(r.peakRssMiB),
      ]),
    );
  }
  const [one, three] = rows as [ReplicaRow, ReplicaRow];
  const times = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? "n/a" : `${fmt(a / b, 2)}×`;
  console.log(
    `\n3 replicas vs 1: ingress ${times(three.deliveriesPerSecond, one.deliveriesPerSecond)}, end-to-end incidents/s ${times(incidentsPerSecond(three), incidentsPerSecond(one))}, peak RSS ${times(three.peakRssMiB, one.peakRssMiB)}`,
  );
  console.log(
    `what bounds it: ${availableParallelism()} cores shared by the replicas, Redis and this bench's process (the sandbox, the balancer, the load generator).`,
  );
  console.log(
    `- ingress: both rows go through the same balancer in this process, so it can cap deliveries/s for both; acks also compete with the replicas' work on the incidents.`,
  );
  // Pacing is per installation and, with Redis, shared by the replicas (write-pacer.ts): one budget for all.
  const floor = (intervalMs: number) =>
    `${fmt((three.writes * intervalMs) / 1000)} s however many replicas (the pacing is shared through Redis)`;
  const paced =
    writeIntervalMs === 0
      ? "unpaced (SEVBOT_WRITE_INTERVAL_MS=0, as in the e2e suite), so CPU bounds it here"
      : `paced ${writeIntervalMs} ms apart (SEVBOT_WRITE_INTERVAL_MS), floor ${floor(writeIntervalMs)}`;
  console.log(
    `- end-to-end: the same settings in both rows; writes ${paced}. At the production 1 s per write, these ${three.writes} writes alone take ${floor(1000)}: there, pacing bounds it, not CPU.`,
  );
}

/** Last: one row per target of issue 16, judged on this run's numbers. */
export function printTargets(results: BenchResults): void {
  console.log("");
  for (const line of formatTargets(targetRows(results))) console.log(line);
}
