import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pagerDutySignature } from "../../src/adapters/pagerduty/signature.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { fakeService, type FakeService } from "../adapters/notify/fake-service.js";
import { vendorFixture } from "../helpers/inbound.js";
import { configFileOf, startStack, type Stack } from "./harness.js";

const REPO = "acme/pager";
const SECRET = "pd-webhook-secret";
const CONFIG = "oncall: [lee]\nnotifications:\n  pagerdutyUsers:\n    lee: PLH1HKV\n";

/**
 * Issue 13 §1: the on-call acknowledges on the PagerDuty app; PagerDuty's signed V3 webhook
 * acknowledges the sevbot incident as that person, and the escalation stops. The built server,
 * the sandbox forge, a fake PagerDuty Events API; time is stepped.
 */
describe.each(["github", "gitlab"] as const)("acknowledged from PagerDuty on %s", (platform) => {
  let stack: Stack;
  let pagerduty: FakeService;
  let number: number;
  let dedupKey: string;

  const sent = () => pagerduty.received.map((request) => request.body as Record<string, string>);
  const triggers = () => sent().filter((event) => event.event_action === "trigger").length;
  const comments = () => stack.sandbox.comments(REPO, number).map((comment) => comment.body ?? "");
  const log = () => stack.sandbox.issues(REPO).find((issue) => issue.title.startsWith("[SEV-1]"))!;

  function webhook(name: string, id: string, agent?: { id: string; summary: string }) {
    const payload = vendorFixture("pagerduty", `${name}.json`);
    payload.event.id = id;
    payload.event.occurred_at = new Date().toISOString();
    if (agent) Object.assign(payload.event.agent, agent);
    if (payload.event.data.type === "incident") payload.event.data.incident_key = dedupKey;
    return JSON.stringify(payload);
  }
  const deliver = (body: string, signature = pagerDutySignature(body, ["old-secret", SECRET])) =>
    fetch(`${stack.server.url}/api/pagerduty/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-pagerduty-signature": signature },
      body,
    });

  beforeAll(async () => {
    pagerduty = await fakeService(() => ({ status: 202, body: { status: "success" } }));
    stack = await startStack(
      platform === "gitlab" ? { platform } : {},
      {
        PAGERDUTY_ROUTING_KEY: "R0UTING",
        PAGERDUTY_URL: pagerduty.url,
        PAGERDUTY_WEBHOOK_SECRET: SECRET,
      },
      "stepped",
    );
    stack.sandbox.createRepo(REPO, {
      collaborators: { dana: "write", lee: "write", rob: "read" },
      files: { [configFileOf(platform)]: CONFIG },
    });
    number = await stack.sandbox.openIssue(REPO, { as: "reporter", title: "Payments down" });
    await stack.sandbox.addLabels(REPO, number, ["severity::1"], { as: "dana" });
    await vi.waitFor(() => expect(triggers()).toBe(1), { timeout: 20_000, interval: 100 });
    dedupKey = sent()[0]!.dedup_key!;
    expect(dedupKey).toBe(`${platform}:${REPO}#${number}`);
    await stack.advanceMinute();
    for (let minute = 0; minute < 5; minute++) await stack.advanceMinute();
    expect(triggers()).toBe(2); // still escalating every 5 minutes
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await pagerduty?.close();
  });

  it("a forged acknowledgement is 401 and changes nothing", async () => {
    const before = comments().length;
    const body = webhook("incident.acknowledged", "forged-1");
    const answer = await deliver(body, pagerDutySignature(body, ["guessed"]));
    expect(answer.status).toBe(401);
    await waitForQuiet(stack.sandbox, 300);
    expect(comments()).toHaveLength(before);
  });

  it("the agent's acknowledgement acknowledges as lee from PagerDuty, once, and paging stops", async () => {
    const body = webhook("incident.acknowledged", "ack-1");
    expect((await deliver(body)).status).toBe(202);
    await vi.waitFor(
      () => expect(comments().join("\n")).toContain("Acknowledged by lee from PagerDuty"),
      { timeout: 20_000, interval: 100 },
    );
    expect((await deliver(body)).status).toBe(200); // the redelivery
    await waitForQuiet(stack.sandbox, 300);
    const acks = comments().filter((text) => text.includes("Acknowledged by"));
    expect(acks).toHaveLength(1);
    expect(log().body).toMatch(/Acknowledged by lee/);
    const before = triggers();
    for (let minute = 0; minute < 11; minute++) await stack.advanceMinute();
    expect(triggers()).toBe(before);
  }, 60_000);

  it("a note lands in the timeline; resolved in PagerDuty asks the lead to /resolve", async () => {
    const note = webhook("incident.annotated", "note-1");
    // The note names only PagerDuty's incident id: an incident event has told sevbot its key.
    expect((await deliver(note)).status).toBe(202);
    const resolved = webhook("incident.resolved", "resolved-1", {
      id: "PQQQQQQ",
      summary: "Ops Bot",
    });
    expect((await deliver(resolved)).status).toBe(202);
    await vi.waitFor(
      () => {
        expect(log().body).toContain("PagerDuty note: I sure am glad we are using PagerDuty!");
        expect(comments().join("\n")).toMatch(
          /PagerDuty shows this incident resolved by Ops Bot\. @lee: /,
        );
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(log().state).toBe("open");
    expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  }, 60_000);
});
