import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startSandbox, type Sandbox } from "../sandbox/index.js";
import { startBalancer } from "../scenario/balancer.js";
import { startRedisServer } from "../scenario/redis-server.js";
import { startServerProcess, type ServerProcess } from "../scenario/server-process.js";
import { waitForQuiet } from "../scenario/settle.js";
import { peakRssMiB } from "./rss.js";

const REPO = "acme/replicas";
const DONE_WITHIN_MS = 120_000;

export interface ReplicaRow {
  replicas: number;
  /** Declaration deliveries acknowledged per second through the balancer, and their ack latency. */
  deliveriesPerSecond: number;
  p50AckMs: number;
  p99AckMs: number;
  non2xx: number;
  /** From the first declaration sent until every checklist comment and log issue exists; undefined if not within DONE_WITHIN_MS. */
  endToEndMs: number | undefined;
  /** Incidents still without their checklist comment or log issue at the end. */
  missing: number;
  /** Comment markers seen twice on a source issue, plus second log issues. */
  duplicates: number;
  /** Forge writes sevbot made for the declarations (token requests excluded). */
  writes: number;
  peakRssMiB: number | undefined;
}

/** A webhook as the sandbox sent it: replaying it is a genuine, signed, distinct delivery. */
interface Delivery {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The same workload on `replicas` sevbot processes sharing one Redis behind a round-robin
 * balancer (no duplication): `incidents` issues labelled severity::1 at once. Everything it
 * starts is stopped before it returns.
 */
export async function measureReplicas(
  replicas: number,
  options: { secret: string; incidents: number; concurrency: number; writeIntervalMs: number },
): Promise<ReplicaRow> {
  const { secret, incidents, concurrency, writeIntervalMs } = options;
  // Whatever fails on the way, what was started is stopped, last started first.
  const stops: Array<() => Promise<void>> = [];
  try {
    // Redis's default fsync policy: the reliability suite's fsync-per-write would bench the disk.
    const redis = await startRedisServer({ appendfsync: "everysec" });
    stops.unshift(() => redis.stop());
    const sandbox = await startSandbox({ webhookSecret: secret });
    stops.unshift(() => sandbox.close());
    const recorder = await startRecorder();
    stops.unshift(() => recorder.close());
    const balancer = await startBalancer({ duplicate: false });
    stops.unshift(() => balancer.close());
    sandbox.createRepo(REPO, { collaborators: { dana: "write" } });
    const numbers: number[] = [];
    for (let index = 1; index <= incidents; index++)
      numbers.push(await sandbox.openIssue(REPO, { as: "reporter", title: `Outage ${index}` }));
    await sandbox.idle(); // the `opened` hooks went nowhere (no URL yet), so they are not recorded
    sandbox.setWebhookUrl(recorder.url);
    // Irrelevant labels first: tokens, the config and the JIT are warm before the clock starts.
    const warmUp = await record(sandbox, recorder, numbers, "needs-triage");
    const declarations = await record(sandbox, recorder, numbers, "severity::1");
    const env = { REDIS_URL: redis.url, SEVBOT_WRITE_INTERVAL_MS: String(writeIntervalMs) };
    const servers: ServerProcess[] = [];
    for (let index = 0; index < replicas; index++) {
      const server = await startServerProcess({
        gheHost: sandbox.gheHost,
        webhookSecret: secret,
        env,
      });
      stops.unshift(() => server.stop());
      servers.push(server);
    }
    balancer.setReplicas(servers.map((server) => server.url));
    const webhookUrl = `${balancer.url}/api/github/webhooks`;
    sandbox.setWebhookUrl(webhookUrl); // what sevbot's own writes trigger goes through the balancer too
    await replay(webhookUrl, warmUp, concurrency);
    await waitForQuiet(sandbox, 500, 60_000);

    const requestsBefore = sandbox.requests.length;
    const clockStarted = performance.now();
    const acks = await replay(webhookUrl, declarations, concurrency);
    const done = await pollUntil(() => undeclared(sandbox, numbers).length === 0, DONE_WITHIN_MS);
    const endToEndMs = done ? performance.now() - clockStarted : undefined;
    await waitForQuiet(sandbox, 1_000, 60_000); // a late duplicate would land now
    const rss = servers.map((server) => peakRssMiB(server.child.pid));
    return {
      replicas,
      ...acks,
      endToEndMs,
      missing: undeclared(sandbox, numbers).length,
      duplicates: duplicates(sandbox, numbers),
      writes: sandbox.requests
        .slice(requestsBefore)
        .filter((request) => request.write && !request.path.includes("/access_tokens")).length,
      peakRssMiB: rss.some((value) => value === undefined)
        ? undefined
        : rss.reduce((sum: number, value) => sum + value!, 0),
    };
  } finally {
    for (const stop of stops) await stop();
  }
}

/** Labels every issue and returns the `labeled` deliveries the sandbox sent for it. */
async function record(
  sandbox: Sandbox,
  recorder: Recorder,
  numbers: number[],
  label: string,
): Promise<Delivery[]> {
  for (const number of numbers) await sandbox.addLabels(REPO, number, [label], { as: "dana" });
  await sandbox.idle();
  return recorder.take();
}

interface Recorder {
  url: string;
  take(): Delivery[];
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that keeps what it is sent and answers 200. */
async function startRecorder(): Promise<Recorder> {
  let received: Delivery[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([name]) => !["host", "content-length", "connection"].includes(name),
      ),
    ) as Record<string, string>;
    received.push({ headers, body: Buffer.concat(chunks) });
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    take() {
      const taken = received;
      received = [];
      return taken;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Posts the deliveries with `concurrency` in flight, timing each acknowledgement. */
async function replay(url: string, deliveries: Delivery[], concurrency: number) {
  const latencies: number[] = [];
  let non2xx = 0;
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < deliveries.length) {
      const { headers, body } = deliveries[next++]!;
      const begin = performance.now();
      const status = await fetch(url, { method: "POST", headers, body }).then(
        async (response) => (await response.arrayBuffer(), response.status),
        () => 0,
      );
      latencies.push(performance.now() - begin);
      if (status < 200 || status >= 300) non2xx++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    deliveriesPerSecond: deliveries.length / seconds,
    p50AckMs: quantile(0.5),
    p99AckMs: quantile(0.99),
    non2xx,
  };
}

async function pollUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** `<!-- sevbot:KEY -->` markers in an issue's comments, counted per key. */
function markers(sandbox: Sandbox, number: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const comment of sandbox.comments(REPO, number)) {
    for (const [, key] of (comment.body ?? "").matchAll(/<!-- sevbot:([\w-]+) -->/g))
      counts.set(key!, (counts.get(key!) ?? 0) + 1);
  }
  return counts;
}

/** How many log issues claim each source issue. */
function logIssues(sandbox: Sandbox): Map<number, number> {
  const counts = new Map<number, number>();
  const logFor = new RegExp(`<!-- sevbot:log-for github:${REPO}#(\\d+) -->`);
  for (const issue of sandbox.issues(REPO)) {
    const source = logFor.exec(issue.body ?? "")?.[1];
    if (source) counts.set(Number(source), (counts.get(Number(source)) ?? 0) + 1);
  }
  return counts;
}

function undeclared(sandbox: Sandbox, numbers: number[]): number[] {
  const logs = logIssues(sandbox);
  return numbers.filter(
    (number) => !logs.has(number) || !markers(sandbox, number).has("checklist"),
  );
}

function duplicates(sandbox: Sandbox, numbers: number[]): number {
  const logs = logIssues(sandbox);
  const repeatedMarkers = (number: number) =>
    [...markers(sandbox, number).values()].filter((count) => count > 1).length;
  return numbers.reduce(
    (sum, number) => sum + repeatedMarkers(number) + Math.max(0, (logs.get(number) ?? 0) - 1),
    0,
  );
}
