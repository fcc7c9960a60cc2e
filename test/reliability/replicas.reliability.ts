import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { startServerProcess, type ServerProcess } from "../../src/scenario/server-process.js";
import { steppedClock, type SteppedClock } from "../../src/scenario/stepped-clock.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { fakeService, type FakeService } from "../adapters/notify/fake-service.js";
import { markerCounts } from "../e2e/harness.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { startBalancer, type Balancer } from "../../src/scenario/balancer.js";

const INCIDENTS = 200;
const REPO = "acme/reliable";
/**
 * Time is stepped by the suite (SEVBOT_CLOCK_FILE): it stands still while 200 declarations go
 * through, then jumps past each repeat. With a running clock, a tick held up by the burst could
 * find two repeats due at once and send only the latest, so the counts depended on the machine.
 */
const TICK_SECONDS = "0.5";
/** Writes paced through Redis (the shared pacer) as in production, only closer together. */
const WRITE_INTERVAL_MS = "5";
/** Sev-1 (every fourth incident): paged at once and again 3 and 6 minutes later until acknowledged; Sev-2: paged once. */
const CONFIG = `oncall: [lee]
escalation:
  policies:
    1: { steps: [{ after: 0, notify: { channels: [], users: [], emails: [], oncall: true, page: true } }], repeatEvery: 3, maxRepeats: 2 }
    2: { steps: [{ after: 0, notify: { channels: [], users: [], emails: [], oncall: true, page: true } }], repeatEvery: 0, maxRepeats: 0 }
  statusEvery: { 1: 0, 2: 0 }
`;
const severityOf = (index: number) => (index % 4 === 0 ? 1 : 2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Three replicas on one Redis behind a balancer that sends every delivery to two of them at
 * once; one replica SIGKILLed and Redis restarted mid-run; 20% of forge requests failing. Every
 * incident must end with exactly its comments, log issue, labels and pages.
 */
describe("reliability: 3 replicas, duplicated deliveries, a killed replica, a Redis restart, 20% faults", () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  let balancer: Balancer;
  let pagerduty: FakeService;
  let clock: SteppedClock;
  const replicas: ServerProcess[] = [];
  let killedPid: number | undefined;

  beforeAll(async () => {
    redis = await startRedisServer();
    pagerduty = await fakeService(() => ({
      status: 202,
      body: { status: "success", message: "Event processed" },
    }));
    const webhookSecret = randomBytes(16).toString("hex");
    sandbox = await startSandbox({
      webhookSecret,
      faults: {
        seed: 8,
        rate: 0.2,
        kinds: ["5xx", "5xx-after-write", "rate-limit", "reorder-webhook"],
      },
    });
    sandbox.createRepo(REPO, {
      collaborators: { dana: "write", lee: "write" },
      files: { ".github/sevbot.yml": CONFIG },
    });
    balancer = await startBalancer();
    sandbox.setWebhookUrl(`${balancer.url}/api/github/webhooks`);
    clock = steppedClock();
    const env = {
      REDIS_URL: redis.url,
      PAGERDUTY_ROUTING_KEY: "R0UTING",
      PAGERDUTY_URL: pagerduty.url,
      SEVBOT_CLOCK_FILE: clock.path,
      SEVBOT_TICK_SECONDS: TICK_SECONDS,
      SEVBOT_WRITE_INTERVAL_MS: WRITE_INTERVAL_MS,
    };
    for (let index = 0; index < 3; index++)
      replicas.push(
        await startServerProcess({
          gheHost: sandbox.gheHost,
          webhookSecret,
          env,
          logLevel: "info",
        }),
      );
    balancer.setReplicas(replicas.map((replica) => replica.url));

    for (let index = 1; index <= INCIDENTS; index++) {
      await sandbox.openIssue(REPO, {
        as: "dana",
        title: `Outage ${index}`,
        body: `GET /status/${index} HTTP/1.1`,
        labels: [`severity::${severityOf(index)}`],
      });
      if (index === 80) {
        killedPid = replicas[1]!.child.pid;
        await replicas[1]!.stop("SIGKILL");
      }
      if (index === 100) balancer.setReplicas([replicas[0]!.url, replicas[2]!.url]); // the balancer's health check notices
      if (index === 140) await redis.restart();
      if (index % 20 === 0) await sleep(200);
    }
    // Each step waits for what it expects (bounded: a miss shows in the counts), then for quiet.
    // A retry's backoff can be a silent stretch, so quiet alone does not mean done.
    await until(
      () => sources().every((source) => markersOf(source.number).has("checklist")),
      240_000,
    );
    await settle(240_000);
    clock.advance(4); // repeat 1 (minute 3) is due for every Sev-1
    await until(() => sevOnes().every((source) => repeatsOf(source.number) >= 1), 120_000);
    await settle(120_000);
    clock.advance(3); // repeat 2 (minute 6)
    await until(() => sevOnes().every((source) => repeatsOf(source.number) >= 2), 120_000);
    await settle(120_000);
    for (const source of sources())
      await sandbox.comment(REPO, source.number, "/ack", { as: "lee" });
    await until(
      () =>
        sources().every((source) =>
          source.labels.some((label) => label.name === "incident::acknowledged"),
        ),
      240_000,
    );
    await settle(240_000, 7_000);
    await pagesSettled(INCIDENTS, 30_000);
  }, 600_000);

  const sources = () => sandbox.issues(REPO).filter((issue) => issue.title.startsWith("Outage "));
  const sevOnes = () =>
    sources().filter((source) => severityOf(Number(source.title.replace("Outage ", ""))) === 1);
  const markersOf = (number: number) =>
    markerCounts(sandbox.comments(REPO, number).map((comment) => comment.body));
  const repeatsOf = (number: number) =>
    [...markersOf(number).keys()].filter((key) => /-r\d+-comment$/.test(key)).length;

  /** Polls until `done` (or the deadline: what is still missing then shows in the counts). */
  async function until(done: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done() && Date.now() < deadline) await sleep(250);
  }

  /** Pages leave in the background after each save: waits (bounded) until every acknowledge arrived. */
  async function pagesSettled(acknowledges: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const arrived = () =>
      pagerduty.received.filter(
        (request) => (request.body as { event_action: string }).event_action === "acknowledge",
      ).length;
    while (arrived() < acknowledges && Date.now() < deadline) await sleep(200);
    await sleep(1_000); // room for a duplicate to show
  }

  /** Waits until sevbot is done; if it never is, says what the replicas were doing. */
  async function settle(timeoutMs: number, quietMs = 3_000): Promise<void> {
    try {
      await waitForQuiet(sandbox, quietMs, timeoutMs);
    } catch (error) {
      const trouble = replicas
        .flatMap((replica) => replica.output().split("\n"))
        .filter((line) => /"level":(40|50|60)/.test(line));
      console.log(
        `${trouble.length} warnings, the last 15:\n${trouble.slice(-15).join("\n")}\nlast requests:\n${sandbox.requests
          .slice(-15)
          .map((request) => `${request.at} ${request.method} ${request.path} ${request.status}`)
          .join("\n")}`,
      );
      throw error;
    }
  }

  afterAll(async () => {
    for (const replica of replicas) await replica.stop("SIGKILL");
    await balancer?.close();
    await sandbox?.close();
    await pagerduty?.close();
    await redis?.stop();
    clock?.remove();
  });

  it("every incident has exactly its comments, log issue, labels and pages; every due escalation fired once", async () => {
    // What each incident's notifiers sent, by step key, from the replicas' shared sent ledger.
    const ledger = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const sentKeys = async (number: number) =>
      (await ledger.keys(`sevbot:sent:pagerduty:github:${REPO}#${number}:*`))
        .map((key) => key.split(":").pop())
        .sort();
    const issues = sandbox.issues(REPO);
    const sources = issues.filter((issue) => issue.title.startsWith("Outage "));
    const logs = issues.filter((issue) => issue.title.startsWith("[SEV-"));
    const pagerdutyReceived = pagerduty.received;
    const pages = pagerdutyReceived.map(
      (request) => request.body as { event_action: string; dedup_key: string },
    );
    const killedOwner = `${hostname()}:${killedPid}`;
    const resentInDoubt = new Map<string, string[]>();
    for (const line of replicas.flatMap((replica) => replica.output().split("\n"))) {
      const match =
        /notification pagerduty:(github:\S+#\d+):\S+: sending again, because an earlier run \((\S+) at /.exec(
          line,
        );
      if (match) resentInDoubt.set(match[1]!, [...(resentInDoubt.get(match[1]!) ?? []), match[2]!]);
    }
    const counts = {
      incidents: sources.length,
      resentAfterKill: 0,
      lost: 0,
      missingChecklist: 0,
      duplicatedComments: 0,
      missingLogIssue: 0,
      duplicatedLogIssues: 0,
      wrongLabels: 0,
      missedEscalations: 0,
      duplicatedEscalations: 0,
      missingPages: 0,
      duplicatedPages: 0,
    };
    const odd: string[] = [];
    for (const source of sources) {
      const markers = markerCounts(
        sandbox.comments(REPO, source.number).map((comment) => comment.body),
      );
      const own = logs.filter((log) =>
        log.body?.includes(`<!-- sevbot:log-for github:${REPO}#${source.number} -->`),
      );
      if (own.length === 0 && !markers.has("checklist")) counts.lost++;
      if (!markers.has("checklist")) counts.missingChecklist++;
      counts.duplicatedComments += [...markers.values()].filter((count) => count > 1).length;
      if (own.length === 0) counts.missingLogIssue++;
      counts.duplicatedLogIssues += Math.max(0, own.length - 1);
      const labels = source.labels.map((label) => label.name).sort();
      // Issue numbers interleave with the log issues in the same repository: the title says which incident it is.
      const severity = severityOf(Number(source.title.replace("Outage ", "")));
      if (labels.join(",") !== `incident::acknowledged,severity::${severity}`) counts.wrongLabels++;
      const dueRepeats = severity === 1 ? 2 : 0;
      const repeats = [...markers.keys()].filter((key) => /-r\d+-comment$/.test(key));
      counts.missedEscalations += Math.max(0, dueRepeats - repeats.length);
      counts.duplicatedEscalations += Math.max(0, repeats.length - dueRepeats);
      const mine = pages.filter((page) => page.dedup_key === `github:${REPO}#${source.number}`);
      const triggers = mine.filter((page) => page.event_action === "trigger").length;
      const acknowledges = mine.filter((page) => page.event_action === "acknowledge").length;
      if (
        odd.length < 5 &&
        (triggers !== 1 + dueRepeats ||
          acknowledges !== 1 ||
          repeats.length !== dueRepeats ||
          labels.join(",") !== `incident::acknowledged,severity::${severity}`)
      ) {
        // Replicas log at info. Lines name the incident as `…#6: ` (handled, notification runs) or `…#6 ` (failures).
        const about = new RegExp(`${REPO}#${source.number}[ :_]`);
        const mentions = replicas.flatMap((replica, index) =>
          replica
            .output()
            .split("\n")
            .filter((line) => about.test(line))
            .map((line) => `r${index} ${line}`),
        );
        const received = pagerdutyReceived
          .filter(
            (request) =>
              (request.body as { dedup_key?: string }).dedup_key ===
              `github:${REPO}#${source.number}`,
          )
          .map((request) => `${request.at} ${JSON.stringify(request.body).slice(0, 300)}`);
        odd.push(
          `#${source.number} sev${severity} labels=${labels.join(",")} markers=${[...markers.keys()].join(",")} triggers=${triggers} acks=${acknowledges} paged steps=${(await sentKeys(source.number)).join(",")}; PagerDuty received:\n  ${received.join("\n  ")}\nreplica lines about it:\n  ${mentions.slice(0, 60).join("\n  ")}`,
        );
      }
      counts.missingPages += Math.max(0, 1 + dueRepeats - triggers) + Math.max(0, 1 - acknowledges);
      const repeated = Math.max(0, triggers - 1 - dueRepeats) + Math.max(0, acknowledges - 1);
      // A page the killed replica was sending when it died cannot be known to have arrived: the
      // next run sends it again and says so. Only those repeats are excused, and only if said.
      const excused = Math.min(
        repeated,
        (resentInDoubt.get(`github:${REPO}#${source.number}`) ?? []).filter(
          (owner) => owner === killedOwner,
        ).length,
      );
      counts.resentAfterKill += excused;
      counts.duplicatedPages += repeated - excused;
    }
    ledger.disconnect();
    if (odd.length > 0) console.log(`first incidents off the mark:\n${odd.join("\n")}`);
    const gaveUp = replicas
      .flatMap((replica) => replica.output().split("\n"))
      .filter((line) => line.includes("giving up"));
    console.log(
      `reliability: ${JSON.stringify(counts)}; pages received: ${pages.length}; deliveries forwarded: ${balancer.forwarded}; jobs given up: ${gaveUp.length}; injected faults: ${JSON.stringify(sandbox.faultCounts)}`,
    );
    const trouble = replicas
      .flatMap((replica) => replica.output().split("\n"))
      .filter((line) => /"level":(40|50|60)/.test(line));
    if (trouble.length > 0)
      console.log(
        `replica warnings (${trouble.length}, first 20):\n${trouble.slice(0, 20).join("\n")}`,
      );
    // Every replica's whole output, for a run that needs reading afterwards.
    const dump = process.env.SEVBOT_RELIABILITY_LOG;
    if (dump)
      writeFileSync(
        dump,
        replicas.map((replica, index) => `== replica ${index}\n${replica.output()}`).join("\n"),
      );
    const resentLive = [...resentInDoubt.entries()].filter(([, owners]) =>
      owners.some((owner) => owner !== killedOwner),
    );
    for (const [incident] of resentLive) {
      const lines = replicas.flatMap((replica, index) =>
        replica
          .output()
          .split("\n")
          .filter((line) => line.includes(incident.replace("github:", "")))
          .map((line) => `r${index} ${line.slice(0, 400)}`),
      );
      console.log(
        `resent in doubt by a live replica (pids ${replicas.map((replica) => replica.child.pid).join(", ")}), ${incident}:\n  ${lines.join("\n  ")}`,
      );
    }
    expect(gaveUp).toEqual([]);
    // The killed replica had at most its worker's 16 notification jobs under way.
    expect(counts.resentAfterKill).toBeLessThanOrEqual(16);
    expect(
      [...resentInDoubt.values()].flat().filter((owner) => owner !== killedOwner),
      "repeats after a run that stopped on a live replica",
    ).toEqual([]);
    expect(counts).toEqual({
      incidents: INCIDENTS,
      resentAfterKill: counts.resentAfterKill,
      lost: 0,
      missingChecklist: 0,
      duplicatedComments: 0,
      missingLogIssue: 0,
      duplicatedLogIssues: 0,
      wrongLabels: 0,
      missedEscalations: 0,
      duplicatedEscalations: 0,
      missingPages: 0,
      duplicatedPages: 0,
    });
  });

  it("every request sevbot sent is one GitHub's API description allows", () => {
    expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });
});
