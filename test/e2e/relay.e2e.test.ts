import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { fakeService, fakeSlackApi, type FakeService } from "../adapters/notify/fake-service.js";
import { configFileOf, startStack, type Stack } from "./harness.js";

const REPO = "acme/relay";
const CONFIG = [
  "mitigation:",
  "  notify: [director]",
  "notifications:",
  "  slackUsers:",
  "    lee: U0LEE1234",
  "    director: U0DIR1234",
  "  teams:",
  "    database: [lee, kim]",
  "  pagerdutyUsers:",
  "    lee: PLEE001",
].join("\n");

/**
 * Issue 13 §3: updates made on the issue reach the incident's channel, its war room and the generic
 * webhook (with `kind`); `/page` reaches one person now. Slack's Web API and the webhook receiver
 * are local fakes; the server is the built one, on GitHub and on GitLab.
 */
describe.each(["github", "gitlab"] as const)("updates go where people watch, on %s", (platform) => {
  let stack: Stack;
  let slack: FakeService;
  let hook: FakeService;
  let pagerduty: FakeService;
  let number: number;

  const posts = () =>
    slack.received
      .filter((request) => request.path === "/chat.postMessage")
      .map((request) => ({
        channel: String(request.body.channel),
        text: String(request.body.text),
      }));
  const hookKinds = () => hook.received.map((request) => String(request.body.kind));

  beforeAll(async () => {
    slack = await fakeSlackApi();
    hook = await fakeService(() => ({ status: 200 }));
    // PagerDuty's REST API: the incident sevbot triggered is open, responder requests are taken.
    pagerduty = await fakeService((request) =>
      request.method === "GET"
        ? { status: 200, body: { incidents: [{ id: "PT4KHLK" }] } }
        : { status: 200, body: { responder_request: {} } },
    );
    stack = await startStack(platform === "gitlab" ? { platform } : {}, {
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_API_URL: slack.url,
      SEVBOT_WEBHOOK_URL: hook.url,
      PAGERDUTY_API_TOKEN: "pd-rest-key",
      PAGERDUTY_API_FROM: "sevbot@example.com",
      PAGERDUTY_REQUESTER_ID: "PSEVBOT",
      PAGERDUTY_API_URL: pagerduty.url,
    });
    stack.sandbox.createRepo(REPO, {
      collaborators: { dana: "write", lee: "write", visitor: "read" },
      files: { [configFileOf(platform)]: CONFIG },
    });
    number = await stack.sandbox.openIssue(REPO, { as: "reporter", title: "Search is down" });
    await stack.sandbox.addLabels(REPO, number, ["severity::1"], { as: "dana" });
    await vi.waitFor(
      () => expect(posts().some((post) => post.text.includes("War room open"))).toBe(true),
      { timeout: 30_000, interval: 100 },
    );
    await waitForQuiet(stack.sandbox, 300);
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await slack?.close();
    await hook?.close();
    await pagerduty?.close();
  });

  it("/status, /decide, /mitigated and /sev reach the channel and the war room as their own kinds", async () => {
    const say = (body: string) => stack.sandbox.comment(REPO, number, body, { as: "dana" });
    await say("/sevbot status Failing over to the replica");
    await say("/sevbot decide Fail over to the replica");
    await say("/sevbot mitigated Replica serving");
    await say("/sevbot sev 2");
    await vi.waitFor(
      () =>
        expect(hookKinds()).toEqual(
          expect.arrayContaining(["status", "decision", "mitigated", "severity"]),
        ),
      { timeout: 20_000, interval: 100 },
    );
    const room = posts()
      .find((post) => post.text.includes("War room open"))!
      .text.match(/#(\S+war-room\S+)/)![1]!;
    // Each notifier sends on its own: Slack's posts may land after the webhook's.
    await vi.waitFor(
      () => {
        for (const text of [
          "Status: Failing over",
          "Mitigation decided: Fail over",
          "Mitigated by dana",
          "Severity lowered by dana",
        ]) {
          const channels = posts()
            .filter((post) => post.text.includes(text) && post.channel.startsWith("#"))
            .map((post) => post.channel);
          expect(channels.sort(), text).toEqual(["#tech-incidents", `#${room}`].sort());
        }
      },
      { timeout: 20_000, interval: 100 },
    );
    // seed 002: the decision goes to the configured director directly too.
    await vi.waitFor(() =>
      expect(
        posts()
          .filter((post) => post.channel === "U0DIR1234")
          .map((post) => post.text),
      ).toEqual([expect.stringContaining("Mitigation decided: Fail over to the replica")]),
    );
  }, 60_000);

  it("/page @lee reaches lee by direct message; a reader's /page is refused and sends nothing", async () => {
    await stack.sandbox.comment(REPO, number, "/sevbot page @visitor-x please", { as: "visitor" });
    await stack.sandbox.comment(REPO, number, "/sevbot page @lee the index is corrupt", {
      as: "dana",
    });
    await vi.waitFor(
      () => expect(posts().filter((post) => post.channel === "U0LEE1234")).toHaveLength(1),
      { timeout: 20_000, interval: 100 },
    );
    await waitForQuiet(stack.sandbox, 300);
    const dm = posts().find((post) => post.channel === "U0LEE1234")!;
    expect(dm.text).toContain("dana asks you to join this Sev-2 now: the index is corrupt.");
    expect(hookKinds().filter((kind) => kind === "page")).toHaveLength(1);
    await vi.waitFor(() =>
      expect(pagerduty.received.filter((request) => request.method === "POST")).toHaveLength(1),
    );
    const [request] = pagerduty.received.filter((entry) => entry.method === "POST");
    expect(request!.path).toBe("/incidents/PT4KHLK/responder_requests");
    expect(request!.body.responder_request_targets).toEqual([
      { responder_request_target: { id: "PLEE001", type: "user_reference" } },
    ]);
    expect(decodeURIComponent(pagerduty.received[0]!.path)).toContain(
      `incident_key=${platform}:${REPO}#${number}`,
    );
    const comments = stack.sandbox.comments(REPO, number).map((comment) => comment.body ?? "");
    expect(comments.join("\n")).toContain(
      "📟 Paging @lee now through Slack direct message and a PagerDuty responder request: the index is corrupt.",
    );
    // GitLab's comments write commands in their `/sevbot` form (adapters/gitlab/command-prefix.ts).
    const page = platform === "gitlab" ? "/sevbot page" : "/page";
    expect(comments.join("\n")).toContain(`\`${page}\` needs write access; visitor has read`);
    expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  }, 60_000);
});
