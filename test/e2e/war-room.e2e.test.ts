import { afterAll, describe, expect, it, vi } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { fakeSlackApi, type FakeService } from "../adapters/notify/fake-service.js";
import { startStack, type Stack } from "./harness.js";

/** Seed 001: a war-room channel per Sev-1/2, its link in the incidents channel and the issue. */
describe("war room", () => {
  let stack: Stack;
  let slack: FakeService;
  afterAll(async () => {
    await stack?.stop();
    await slack?.close();
  });

  it("creates the channel once, links it on the issue and announces it in the incidents channel", async () => {
    slack = await fakeSlackApi();
    stack = await startStack(
      { faults: { seed: 1, rate: 0.3, kinds: ["duplicate-webhook"] } },
      { SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: slack.url },
    );
    stack.sandbox.createRepo("acme/web", { collaborators: { dana: "write" } });
    const number = await stack.sandbox.openIssue("acme/web", {
      as: "reporter",
      title: "Error 500 on every page",
    });
    await stack.sandbox.addLabels("acme/web", number, ["severity::2"], { as: "dana" });
    // The channel is created in the background, after the forge writes: wait for what the test reads.
    const announcement = () =>
      slack.received.filter(
        (request) =>
          request.path === "/chat.postMessage" &&
          String(request.body.text).includes("War room open"),
      );
    const linkComments = () =>
      stack.sandbox
        .comments("acme/web", number)
        .filter((comment) => comment.body?.includes("War room: [#"));
    await vi.waitFor(
      () => {
        expect(announcement().length).toBeGreaterThan(0);
        expect(linkComments().length).toBeGreaterThan(0);
      },
      { timeout: 30_000, interval: 100 },
    );
    await waitForQuiet(stack.sandbox, 1_000); // room for a duplicate to show
    const created = slack.received.filter((request) => request.path === "/conversations.create");
    expect(created).toHaveLength(1);
    expect(created[0]!.body.name).toMatch(/^\d{4}-\d{2}-\d{2}-war-room-error-500-on-every-page$/);
    const link = linkComments();
    expect(link).toHaveLength(1);
    expect(link[0]!.body).toContain("https://slack.com/app_redirect?channel=C42");
    const announced = announcement();
    expect(announced.map((request) => request.body.channel)).toEqual(["#tech-incidents"]);
    expect(String(announced[0]!.body.text)).toContain("app_redirect?channel=C42");
  }, 60_000);
});
