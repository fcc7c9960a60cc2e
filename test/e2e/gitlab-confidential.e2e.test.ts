import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RequestRecord } from "../../src/sandbox/index.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { fakeService, type FakeService } from "../adapters/notify/fake-service.js";
import { startStack, type Stack } from "./harness.js";

const SOURCE = "acme/shop";
const TRACKER = "acme/incidents";
const TITLE = "Refund endpoint leaks other customers' card numbers";
const DETAIL = "GET /api/refunds/4711 returned card 4111-XXXX-REPORTED-0042";

/**
 * A confidential GitLab issue (Confidential Issue Hook / Confidential Note Hook): nothing of its
 * title or text goes anywhere less private — not the public tracker, not the channels.
 */
describe("confidential incident on GitLab", () => {
  let stack: Stack;
  let slack: FakeService;
  let hook: FakeService;

  beforeAll(async () => {
    slack = await fakeService(() => ({ status: 200, text: "ok" }));
    hook = await fakeService(() => ({ status: 200 }));
    stack = await startStack(
      { platform: "gitlab" },
      { SLACK_WEBHOOK_URL: slack.url, SEVBOT_WEBHOOK_URL: hook.url },
    );
    stack.sandbox.createRepo(SOURCE, {
      collaborators: { dana: "write", lee: "write" },
      files: { ".gitlab/sevbot.yml": `oncall: [lee]\ntracker:\n  repository: ${TRACKER}\n` },
    });
    stack.sandbox.createRepo(TRACKER, { collaborators: { dana: "write", lee: "write" } });
    const number = await stack.sandbox.openIssue(SOURCE, {
      as: "dana",
      title: TITLE,
      body: `Seen in production:\n\n${DETAIL}`,
      labels: ["severity::1"],
      confidential: true,
    });
    await waitForQuiet(stack.sandbox, 300);
    await stack.sandbox.comment(SOURCE, number, "/sevbot ack", { as: "lee" });
    await stack.sandbox.comment(SOURCE, number, "/sevbot status refunds endpoint disabled", {
      as: "lee",
    });
    await stack.sandbox.comment(SOURCE, number, "/sevbot resolve root cause unknown", {
      as: "lee",
    });
    await waitForQuiet(stack.sandbox, 300);
    // Notifications go out in the background: wait until the resolution reached both receivers.
    const resolvedIn = (service: FakeService) =>
      service.received.some((request) => JSON.stringify(request.body).includes("Resolved after"));
    await vi.waitFor(() => expect(resolvedIn(slack) && resolvedIn(hook)).toBe(true), {
      timeout: 30_000,
      interval: 100,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await slack?.close();
    await hook?.close();
  });

  /** A request is private enough when it writes to a confidential issue or creates one. */
  function isConfidentialTarget(request: RequestRecord): boolean {
    const onIssue = /^\/projects\/([^/?]+)\/issues\/(\d+)/.exec(request.path);
    if (onIssue)
      return (
        stack.sandbox.issue(decodeURIComponent(onIssue[1]!), Number(onIssue[2])).confidential ===
        true
      );
    return (
      /^\/projects\/[^/?]+\/issues$/.test(request.path) &&
      (JSON.parse(request.body ?? "{}") as { confidential?: boolean }).confidential === true
    );
  }

  it("the incident ran: declared, log in the tracker created confidential under a codename, resolved", () => {
    const log = stack.sandbox.issues(TRACKER).find((issue) => issue.title.startsWith("[SEV-1]"))!;
    expect(log.title).toMatch(/^\[SEV-1\] Incident [a-z]+-[a-z]+$/);
    expect(log.confidential).toBe(true);
    expect(log.state).toBe("closed");
    expect(stack.sandbox.issue(SOURCE, 1).labels.map((label) => label.name)).toContain(
      "incident::resolved",
    );
  });

  it("no request sevbot sent outside confidential issues carries the issue's title or text", () => {
    const written = stack.sandbox.requests.filter((request) => request.body);
    expect(written.length).toBeGreaterThan(8);
    const leaks = written.filter(
      (request) =>
        !isConfidentialTarget(request) &&
        (request.body!.includes("leaks other customers") ||
          request.body!.includes("REPORTED-0042")),
    );
    expect(leaks.map((request) => `${request.method} ${request.path}`)).toEqual([]);
    expect(written.some((request) => !isConfidentialTarget(request))).toBe(true);
  });

  it("channels and webhooks get a link and the codename, never the title or text", () => {
    const sent = [...slack.received, ...hook.received];
    expect(slack.received.length).toBeGreaterThan(0);
    expect(hook.received.length).toBeGreaterThan(0);
    for (const request of sent) {
      const text = JSON.stringify(request.body);
      expect(text).not.toContain("leaks other customers");
      expect(text).not.toContain("REPORTED-0042");
    }
    expect(JSON.stringify(hook.received[0]!.body)).toMatch(/Incident [a-z]+-[a-z]+/);
  });
});
