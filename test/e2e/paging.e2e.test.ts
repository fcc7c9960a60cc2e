import { afterAll, describe, expect, it, vi } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { steppedClock, type SteppedClock } from "../../src/scenario/stepped-clock.js";
import { fakeService, type FakeService } from "../adapters/notify/fake-service.js";
import { startStack, type Stack } from "./harness.js";

const REPO = "acme/pager";

/**
 * Seed 001: Sev-1 pages and keeps escalating until a human acknowledges. PagerDuty and a broken
 * webhook receiver are local servers; the test steps the server's clock.
 */
describe("paging until acknowledged", () => {
  let stack: Stack;
  let pagerduty: FakeService;
  let brokenHook: FakeService;
  let clock: SteppedClock;

  afterAll(async () => {
    await stack?.stop();
    await pagerduty?.close();
    await brokenHook?.close();
    clock?.remove();
  });

  it("pages at declaration and at each repeat, acknowledges at /ack, then stops; a failing notifier lands in the timeline", async () => {
    pagerduty = await fakeService(() => ({
      status: 202,
      body: { status: "success", message: "Event processed" },
    }));
    brokenHook = await fakeService(() => ({ status: 500 }));
    clock = steppedClock();
    stack = await startStack(
      {},
      {
        PAGERDUTY_ROUTING_KEY: "R0UTING",
        PAGERDUTY_URL: pagerduty.url,
        SEVBOT_WEBHOOK_URL: brokenHook.url,
        SEVBOT_CLOCK_FILE: clock.path,
        SEVBOT_TICK_SECONDS: "0.25",
      },
    );
    stack.sandbox.createRepo(REPO, {
      collaborators: { dana: "write", lee: "write" },
      files: { ".github/sevbot.yml": "oncall: [lee]\n" },
    });
    const number = await stack.sandbox.openIssue(REPO, { as: "reporter", title: "Payments down" });
    await stack.sandbox.addLabels(REPO, number, ["severity::1"], { as: "dana" });
    // PagerDuty is called in the background: each step waits for the page it expects.
    const sentActions = () =>
      pagerduty.received.map((request) => (request.body as { event_action: string }).event_action);
    const pagesReach = async (count: number, action = "trigger") =>
      vi.waitFor(
        () =>
          expect(sentActions().filter((name) => name === action).length).toBeGreaterThanOrEqual(
            count,
          ),
        { timeout: 20_000, interval: 100 },
      );
    await pagesReach(1);
    clock.advance(5); // repeat 1
    await pagesReach(2);
    clock.advance(5); // repeat 2
    await pagesReach(3);
    await waitForQuiet(stack.sandbox, 300);
    await stack.sandbox.comment(REPO, number, "/ack", { as: "lee" });
    await pagesReach(1, "acknowledge");
    clock.advance(12); // repeats 3 and 4 would be due: acknowledged, nothing more goes out
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // several ticks
    await waitForQuiet(stack.sandbox, 300);

    const events = pagerduty.received.map(
      (request) => request.body as { event_action: string; dedup_key: string },
    );
    const actions = events.map((event) => event.event_action);
    const ackAt = actions.indexOf("acknowledge");
    console.log(`PagerDuty events: ${actions.join(", ")}`);
    expect(actions.slice(0, ackAt)).toEqual(["trigger", "trigger", "trigger"]);
    expect(actions.slice(ackAt)).toEqual(["acknowledge"]);
    expect(new Set(events.map((event) => event.dedup_key))).toEqual(
      new Set([`github:${REPO}#${number}`]),
    );
    // The broken receiver is retried with backoff before its failure is recorded.
    const log = () =>
      stack.sandbox.issues(REPO).find((issue) => issue.title.startsWith("[SEV-1]"))!;
    await vi.waitFor(
      () => expect(log().body).toMatch(/Notification via webhook failed: .*answered 500/),
      { timeout: 30_000, interval: 200 },
    );
    // What an operator alerts on: PagerDuty's 4 events sent (the war-room notice is none of its business), the webhook's failures.
    const metrics = await (await fetch(`${stack.server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /^sevbot_notifications_total\{notifier="pagerduty",outcome="sent"\} 4$/m,
    );
    expect(metrics).toMatch(
      /^sevbot_notifications_total\{notifier="webhook",outcome="failed"\} [1-9]\d*$/m,
    );
  }, 90_000);
});
