import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSandbox } from "../sandbox/index.js";
import { freePort, startServerProcess, testPrivateKey } from "../scenario/server-process.js";
import { waitForQuiet } from "../scenario/settle.js";
import { loadWebhooks, type LoadResult } from "./load.js";
import { peakRssMiB, rssAfter, sampleRss, type RssAfter } from "./rss.js";
import { loadWithWrk } from "./wrk.js";

/** A server's memory over the rounds: sampled RSS, the kernel's high-water mark, and after. */
export interface FloodRss extends RssAfter {
  peakMiB: number | undefined;
  highWaterMiB: number | undefined;
}

export interface IngressRounds {
  bare: LoadResult[];
  sevbot: LoadResult[];
  bareRss: FloodRss;
  sevbotRss: FloodRss;
  driver: "node" | "wrk";
}

export interface IngressOptions {
  payload: string;
  secret: string;
  repo: string;
  total: number;
  concurrency: number;
  rounds: number;
  /** `wrk`: rounds of `wrkSeconds` from the C client instead of `total` deliveries from Node. */
  driver?: "node" | "wrk";
  wrkSeconds?: number;
  /** How long RSS is watched after the last round, and the level it should fall under. */
  afterSeconds?: number;
  afterUnderMiB?: number;
  /** Node flags for sevbot's process only, e.g. `--max-semi-space-size=2` (docs/operations.md). */
  serverNodeOptions?: string;
}

/**
 * sevbot's ingress against the baseline, a bare Probot app, in alternating rounds with both
 * servers up: one round each swings with whatever else the machine does at that moment (the
 * same code measured 0.74× and 0.88× minutes apart), and alternating exposes both to it alike.
 */
export async function measureIngress(options: IngressOptions): Promise<IngressRounds> {
  const { payload, secret, total, concurrency } = options;
  const bare = await startBareProbot(secret);
  const sandbox = await startSandbox({ webhookSecret: secret });
  sandbox.createRepo(options.repo, {});
  await sandbox.openIssue(options.repo, { as: "reporter", title: "Bench incident", body: "" });
  const server = await startServerProcess({
    gheHost: sandbox.gheHost,
    webhookSecret: secret,
    ...(options.serverNodeOptions ? { env: { NODE_OPTIONS: options.serverNodeOptions } } : {}),
  });
  const driver = options.driver ?? "node";
  const load = (url: string) =>
    driver === "wrk"
      ? loadWithWrk(url, secret, payload, options.wrkSeconds ?? 10, concurrency)
      : loadWebhooks(url, secret, payload, total, concurrency);
  try {
    await loadWebhooks(bare.webhookUrl, secret, payload, 300, concurrency);
    await loadWebhooks(server.webhookUrl, secret, payload, 300, concurrency);
    await waitForQuiet(sandbox, 500, 120_000);
    const bareRss = sampleRss(bare.child.pid);
    const sevbotRss = sampleRss(server.child.pid);
    const rounds = { bare: [] as LoadResult[], sevbot: [] as LoadResult[] };
    for (let round = 0; round < options.rounds; round++) {
      rounds.bare.push(await load(bare.webhookUrl));
      rounds.sevbot.push(await load(server.webhookUrl));
      // sevbot's queued work from this round is done before the next round starts.
      await waitForQuiet(sandbox, 500, 300_000);
    }
    const during = { bare: bareRss.stop(), sevbot: sevbotRss.stop() };
    const watch = (pid: number | undefined) =>
      rssAfter(pid, options.afterSeconds ?? 30, options.afterUnderMiB ?? 120);
    const [bareAfter, sevbotAfter] = await Promise.all([
      watch(bare.child.pid),
      watch(server.child.pid),
    ]);
    return {
      ...rounds,
      driver,
      bareRss: {
        peakMiB: during.bare.peak,
        highWaterMiB: peakRssMiB(bare.child.pid),
        ...bareAfter,
      },
      sevbotRss: {
        peakMiB: during.sevbot.peak,
        highWaterMiB: peakRssMiB(server.child.pid),
        ...sevbotAfter,
      },
    };
  } finally {
    bare.child.kill();
    await server.stop();
    await sandbox.close();
  }
}

async function startBareProbot(
  secret: string,
): Promise<{ webhookUrl: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("./bare-probot.js", import.meta.url))],
    {
      env: {
        PATH: process.env.PATH ?? "",
        PORT: String(port),
        PRIVATE_KEY: testPrivateKey(),
        WEBHOOK_SECRET: secret,
      },
      stdio: "ignore",
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 200; tries++) {
    if (
      await fetch(`${url}/ping`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { webhookUrl: `${url}/api/github/webhooks`, child };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
