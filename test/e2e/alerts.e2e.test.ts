import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { vendorFixture } from "../helpers/inbound.js";
import { configFileOf, startStack, type Stack } from "./harness.js";

const REPO = "acme/monitored";
const TOKEN = "alerts-token-0123456789";
const CONFIG = "alerts:\n  severity:\n    critical: 1\n    warning: 3\n";
const GROUPS = 4;
const STORM = 1_000;

/** Alertmanager's documented v4 payload, one alert of group `group`, numbered `n`. */
function alertmanager(group: number, n: number, status = "firing") {
  const payload = vendorFixture("alerts", "alertmanager.firing.json");
  payload.status = status;
  payload.groupKey = `{}/{severity="critical"}:{alertname="ProbeFailure${group}"}`;
  payload.groupLabels = { alertname: `ProbeFailure${group}` };
  payload.commonLabels.alertname = `ProbeFailure${group}`;
  payload.commonAnnotations.summary = `Probe failure ${group}`;
  payload.alerts[0].status = status;
  payload.alerts[0].fingerprint = `${group}-${n}`;
  payload.alerts[0].labels.instance = `https://shop-${n}.example.org`;
  if (status === "resolved") payload.alerts[0].endsAt = new Date().toISOString();
  return JSON.stringify(payload);
}

/**
 * Issue 13 §4: monitoring opens incidents. The built server, the sandbox forge, a storm of 1,000
 * Alertmanager deliveries in a few seconds over 4 groups: one issue per group, declared, and the
 * writes stay within GitHub's 80 content-creating requests a minute.
 */
describe.each(["github", "gitlab"] as const)("alerts open incidents on %s", (platform) => {
  let stack: Stack;
  let url: string;
  const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}`, ...headers },
      body,
    });
  const alertIssues = () =>
    stack.sandbox.issues(REPO).filter((issue) => issue.title.startsWith("[alert]"));
  const logs = () =>
    stack.sandbox.issues(REPO).filter((issue) => issue.title.startsWith("[SEV-1]"));

  beforeAll(async () => {
    stack = await startStack(platform === "gitlab" ? { platform } : {}, {
      SEVBOT_ALERTS_TOKEN: TOKEN,
      SEVBOT_ALERTS_REPOSITORY: `${platform}:${REPO}`,
    });
    stack.sandbox.createRepo(REPO, {
      collaborators: { dana: "write" },
      files: { [configFileOf(platform)]: CONFIG },
    });
    url = stack.server.url;
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it.each<[string, () => Promise<Response>, number]>([
    [
      "no token",
      () => post("/api/alerts/alertmanager", alertmanager(9, 1), { authorization: "" }),
      401,
    ],
    [
      "a wrong token",
      () => post("/api/alerts/alertmanager", alertmanager(9, 1), { authorization: "Bearer guess" }),
      401,
    ],
    ["an unknown source", () => post("/api/alerts/nagios", alertmanager(9, 1)), 404],
    ["malformed JSON", () => post("/api/alerts/alertmanager", "{"), 400],
    [
      "a Grafana body sent as generic",
      () =>
        post("/api/alerts/generic", JSON.stringify(vendorFixture("alerts", "grafana.firing.json"))),
      400,
    ],
    [
      "version 3",
      () =>
        post(
          "/api/alerts/alertmanager",
          alertmanager(9, 1).replace('"version":"4"', '"version":"3"'),
        ),
      400,
    ],
    [
      "an oversized body",
      () => post("/api/alerts/alertmanager", Buffer.alloc(5 * 1024 * 1024 + 1, " ")),
      413,
    ],
  ])("refuses %s and opens nothing", async (_name, send, status) => {
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(String(((await answer.json()) as { message: string }).message)).not.toMatch(
      /at .*\.js:\d+/,
    );
    await waitForQuiet(stack.sandbox, 200);
    expect(stack.sandbox.issues(REPO)).toEqual([]);
  });

  it("counts each refusal on /metrics by the status answered", async () => {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const count = (status: number) =>
      Number(
        metrics.match(
          new RegExp(
            `^sevbot_inbound_requests_total\\{route="alerts",status="${status}"\\} (\\d+)$`,
            "m",
          ),
        )?.[1] ?? 0,
      );
    expect([401, 404, 400, 413].map(count)).toEqual([2, 1, 3, 1]);
  });

  it("a storm of 1,000 alerts over 4 groups opens 4 issues, each declared, within the write limits", async () => {
    const started = Date.now();
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < STORM) {
        const n = next++;
        statuses.push((await post("/api/alerts/alertmanager", alertmanager(n % GROUPS, n))).status);
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    const sentIn = Date.now() - started;
    await vi.waitFor(() => expect(logs()).toHaveLength(GROUPS), { timeout: 60_000, interval: 200 });
    await waitForQuiet(stack.sandbox, 1_000);
    console.log(`${platform}: ${STORM} alerts sent in ${sentIn} ms`);
    expect(sentIn).toBeLessThan(60_000);
    expect(new Set(statuses)).toEqual(new Set([202]));
    expect(alertIssues()).toHaveLength(GROUPS);
    for (const issue of alertIssues()) {
      expect(issue.labels.map((label) => label.name)).toEqual(
        expect.arrayContaining(["severity::1", "alert"]),
      );
      expect(issue.body).toContain("[Runbook](https://runbooks.example.org/probe-failure)");
    }
    const writes = stack.sandbox.requests.filter((request) => request.write);
    const perMinute = new Map<number, number>();
    for (const write of writes) {
      const minute = Math.floor(Date.parse(write.at) / 60_000);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    }
    console.log(
      `${platform}: ${writes.length} writes in all, at most ${Math.max(...perMinute.values())} in a minute`,
    );
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(80);
    expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  }, 120_000);

  it("a resolved alert adds a timeline entry and never resolves the incident", async () => {
    expect((await post("/api/alerts/alertmanager", alertmanager(0, 1, "resolved"))).status).toBe(
      202,
    );
    const log = () => logs().find((issue) => issue.body?.includes("Probe failure 0"))!;
    await vi.waitFor(() => expect(log().body).toMatch(/Alert resolved at .*: Probe failure 0/), {
      timeout: 20_000,
      interval: 200,
    });
    expect(log().body).toMatch(/\| Status \| declared \|/);
    expect(alertIssues()).toHaveLength(GROUPS);
  }, 60_000);
});
