import { randomBytes } from "node:crypto";
import { redisServerInstalled } from "../scenario/redis-server.js";
import { measureAcks } from "./ack.js";
import { measureBurst } from "./burst.js";
import { measureIngress } from "./ingress.js";
import { labeledPayload } from "./payload.js";
import {
  printBurst,
  printIngress,
  printOverhead,
  printReplicaRows,
  printRequests,
  printTargets,
} from "./print-sections.js";
import { measureReplicas, type ReplicaRow } from "./replicas.js";
import { printAcks, printRss, printStorm } from "./report.js";
import { measureRequestOverhead } from "./request-overhead.js";
import { declarationOf, measureRequests } from "./requests.js";
import { measureStorm } from "./storm.js";
import type { BenchResults } from "./targets.js";
import { wrkInstalled } from "./wrk.js";

/**
 * `npm run bench`: tables from one run. Ingress of sevbot vs a bare Probot app (same signed
 * payload, loopback), forge requests per declaration and per lifecycle, peak RSS, a burst, a storm
 * for one issue, acks and 1 vs 3 replicas on one Redis; last, issue 16's targets judged on them.
 */
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REPO = "acme/bench";
/** Alternating ingress rounds (bare, sevbot, bare, …): the median is what the targets are read against. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REPLICA_INCIDENTS = Number(process.env.BENCH_REPLICA_INCIDENTS ?? 60);
/**
 * Unpaced writes in both rows, as the e2e suite runs: the rows then compare what the replicas can
 * process; GitHub's 1 s pacing would make both take minutes and only measure the pacing.
 */
const REPLICA_WRITE_INTERVAL_MS = Number(process.env.BENCH_REPLICA_WRITE_INTERVAL_MS ?? 0);
/** `wrk`: the ingress rounds come from wrk (BENCH_WRK_SECONDS each) instead of this process. */
const DRIVER = process.env.BENCH_DRIVER === "wrk" ? "wrk" : "node";
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 10);
const RSS_AFTER_S = Number(process.env.BENCH_RSS_AFTER_S ?? 30);
/** Node flags for sevbot's process in the ingress rounds; by default those `npm start` gives. */
const SERVER_NODE_OPTIONS =
  process.env.BENCH_SERVER_NODE_OPTIONS ?? "--max-semi-space-size=4 --max-old-space-size=1024";
const STORM = Number(process.env.BENCH_STORM ?? 1000);
const BURST = Number(process.env.BENCH_BURST ?? 1000);
const ACKS = Number(process.env.BENCH_ACKS ?? 300);
const ALL_SECTIONS = ["ingress", "overhead", "requests", "burst", "storm", "acks", "replicas"];
/** A comma-separated subset of the sections runs alone (to check one on a busy machine). */
const SECTIONS = new Set(
  (process.env.BENCH_SECTIONS ?? ALL_SECTIONS.join(",")).split(",").map((name) => name.trim()),
);
const runs = (section: string) => SECTIONS.has(section);

async function main() {
  const secret = randomBytes(16).toString("hex");
  const payload = labeledPayload(REPO);
  if (DRIVER === "wrk" && !wrkInstalled())
    throw new Error("BENCH_DRIVER=wrk: wrk is not installed");
  const load =
    DRIVER === "wrk"
      ? `wrk (C, outside Node), ${ROUNDS} rounds of ${WRK_SECONDS} s`
      : `${TOTAL} deliveries a round from this process`;
  console.log(
    `sevbot bench: signed issues.labeled deliveries (${payload.length} bytes), ${CONCURRENCY} in flight, loopback; ingress load: ${load}; sections: ${[...SECTIONS].join(", ")}${SERVER_NODE_OPTIONS ? `; sevbot's node flags: ${SERVER_NODE_OPTIONS}` : ""}\n`,
  );
  const progress = (line: string) => process.stderr.write(`… ${line}\n`);
  const results: BenchResults = { ackInFlight: [1, CONCURRENCY] };
  if (runs("ingress")) {
    progress(
      `ingress: bare Probot and sevbot, ${ROUNDS} alternating rounds, then ${RSS_AFTER_S} s of RSS`,
    );
    const ingress = await measureIngress({
      payload,
      secret,
      repo: REPO,
      total: TOTAL,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      driver: DRIVER,
      wrkSeconds: WRK_SECONDS,
      afterSeconds: RSS_AFTER_S,
      serverNodeOptions: SERVER_NODE_OPTIONS,
    });
    results.ingress = ingress;
    printIngress(ingress);
    printRss(ingress.bareRss, ingress.sevbotRss, RSS_AFTER_S, 100);
  }
  if (runs("overhead")) {
    progress("one GitHub read: plain fetch, sevbot's Octokit, Probot's stock Octokit");
    results.overhead = await measureRequestOverhead();
    printOverhead(results.overhead);
  }
  if (runs("requests")) {
    progress("requests per declaration and lifecycle");
    const steps = await measureRequests(secret);
    results.declaration = declarationOf(steps);
    printRequests(steps);
  }
  if (runs("burst")) {
    progress(`burst: ${BURST} Sev-4 events queued, then one Sev-1`);
    printBurst(await measureBurst(secret, BURST));
  }
  if (runs("storm")) {
    progress(
      `storm: ${STORM} deliveries for one issue (a Sev-1 elsewhere before and during it), then over ${STORM} issues`,
    );
    const storm = { deliveries: STORM, concurrency: CONCURRENCY };
    const one = await measureStorm(secret, { ...storm, issues: 1, sev1Elsewhere: true });
    const many = await measureStorm(secret, { ...storm, issues: STORM });
    results.storm = { one, many };
    printStorm(one, many);
  }
  if (runs("acks")) {
    progress(`acknowledgements: ${ACKS} deliveries, without and with Redis`);
    const withRedis = redisServerInstalled();
    const acks = await measureAcks(secret, {
      deliveries: ACKS,
      concurrency: CONCURRENCY,
      withRedis,
    });
    results.acks = withRedis ? acks : null;
    printAcks(acks);
  }
  if (runs("replicas")) {
    progress(
      `replicas: ${REPLICA_INCIDENTS} Sev-1 incidents on 1, then 3 replicas (one Redis, round-robin balancer)`,
    );
    printReplicaRows(redisServerInstalled() ? await measureReplicaRows(secret) : undefined, {
      incidents: REPLICA_INCIDENTS,
      writeIntervalMs: REPLICA_WRITE_INTERVAL_MS,
    });
  }
  printTargets(results);
}

async function measureReplicaRows(secret: string): Promise<ReplicaRow[]> {
  const options = {
    secret,
    incidents: REPLICA_INCIDENTS,
    concurrency: CONCURRENCY,
    writeIntervalMs: REPLICA_WRITE_INTERVAL_MS,
  };
  return [await measureReplicas(1, options), await measureReplicas(3, options)];
}

await main();
