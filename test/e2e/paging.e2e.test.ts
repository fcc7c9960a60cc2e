import { afterAll, describe, expect, it, vi } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { FAST_CLOCK } from "../../src/scenario/server-process.js";
import { fakeService, type FakeService } from "../adapters/notify/fake-service.js";
import { startStack, type Stack } from "./harness.js";

const REPO = "acme/pager";
const minutes = (n: number) => new Promise((resolve) => setTimeout(resolve, (n * 60_000) / FAST_CLOCK.speed));

/**
 * Seed 001: Sev-1 pages and keeps escalating until a human acknowledges. PagerDuty and a broken
 * webhook receiver are local servers; the server runs on the accelerated clock.
 */
describe("paging until acknowledged", () => {
  let stack: Stack;
  let pagerduty: FakeService;
  let brokenHook: FakeService;

  afterAll(async () => {
    await stack?.stop();
    await pagerduty?.close();
    await brokenHook?.close();
  });

  it("pages at declaration and at each repeat, acknowledges at /ack, then stops; a failing notifier lands in the timeline", async () => {
    pagerduty = await fakeService(() => ({ status: 202, body: { status: "success", message: "Event processed" } }));
    brokenHook = await fakeService(() => ({ status: 500 }));
    stack = await startStack({}, { PAGERDUTY_ROUTING_KEY: "R0UTING", PAGERDUTY_URL: pagerduty.url, SEVBOT_WEBHOOK_URL: brokenHook.url }, true);
    stack.sandbox.createRepo(REPO, { collaborators: { dana: "write", lee: "write" }, files: { ".github/sevbot.yml": "oncall: [lee]\n" } });
    const number = await stack.sandbox.openIssue(REPO, { as: "reporter", title: "Payments down" });
    await stack.sandbox.addLabels(REPO, number, ["severity::1"], { as: "dana" });
    await waitForQuiet(stack.sandbox, 300);
    await minutes(12.5); // halfway between repeat 2 (minute 10) and repeat 3 (minute 15): the widest margin either way
    await stack.sandbox.comment(REPO, number, "/ack", { as: "lee" });
    await waitForQuiet(stack.sandbox, 300);
    await minutes(12);
    await waitForQuiet(stack.sandbox, 300);
    // PagerDuty is called in the background: the acknowledge may land after the forge is quiet.
    await vi.waitFor(() => expect(pagerduty.received.some((request) => (request.body as { event_action: string }).event_action === "acknowledge")).toBe(true), { timeout: 20_000, interval: 100 });

    const events = pagerduty.received.map((request) => request.body as { event_action: string; dedup_key: string });
    const actions = events.map((event) => event.event_action);
    const ackAt = actions.indexOf("acknowledge");
    console.log(`PagerDuty events: ${actions.join(", ")}`);
    expect(actions.slice(0, ackAt)).toEqual(["trigger", "trigger", "trigger"]);
    expect(actions.slice(ackAt)).toEqual(["acknowledge"]);
    expect(new Set(events.map((event) => event.dedup_key))).toEqual(new Set([`github:${REPO}#${number}`]));
    const log = stack.sandbox.issues(REPO).find((issue) => issue.title.startsWith("[SEV-1]"))!;
    expect(log.body).toMatch(/Notification via webhook failed: .*answered 500/);
  }, 90_000);
});
