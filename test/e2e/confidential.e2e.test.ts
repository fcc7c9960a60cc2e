import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { startStack, type Stack } from "./harness.js";

const SOURCE = "acme/shop";
const TITLE = "[Security] Admin session tokens printed in access log";
const SECRET_DETAIL = "token=ghp_REPORTER_SECRET_4711 seen at /var/log/nginx/access.log";

/**
 * A security report (seed 000/002): the outside reporter is thanked once without anything being
 * confirmed, and neither the report's title nor its text reaches a tracker other people can read.
 */
describe("security report from an outside reporter", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    stack.sandbox.createRepo(SOURCE, {
      collaborators: { dana: "write" },
      files: {
        ".github/sevbot.yml":
          "tracker:\n  repository: acme/incidents\nresolution:\n  architectureMeetingIssue: acme/architecture#1\n",
      },
    });
    stack.sandbox.createRepo("acme/incidents");
    stack.sandbox.createRepo("acme/architecture");
    await stack.sandbox.openIssue("acme/architecture", {
      as: "dana",
      title: "Architecture meeting agenda",
    });
    const number = await stack.sandbox.openIssue(SOURCE, {
      as: "outsider",
      title: TITLE,
      body: `Found this:\n\n${SECRET_DETAIL}`,
      labels: ["security"],
    });
    await waitForQuiet(stack.sandbox, 300);
    await stack.sandbox.addLabels(SOURCE, number, ["severity::1"], { as: "dana" });
    await waitForQuiet(stack.sandbox, 300);
    await stack.sandbox.comment(
      SOURCE,
      number,
      "/resolve root cause: verbose logging in the admin proxy",
      { as: "dana" },
    );
    await waitForQuiet(stack.sandbox, 300);
  }, 60_000);

  afterAll(async () => stack?.stop());

  it("thanks the reporter exactly once, confirming nothing", async () => {
    // The report's `opened` event may run after the Sev-1 label's, which the queue takes first.
    const thanked = () =>
      stack.sandbox
        .comments(SOURCE, 1)
        .filter((comment) => comment.body?.includes("<!-- sevbot:security-ack -->"));
    await vi.waitFor(() => expect(thanked().length).toBeGreaterThan(0), {
      timeout: 20_000,
      interval: 100,
    });
    await waitForQuiet(stack.sandbox, 500);
    const thanks = thanked();
    expect(thanks).toHaveLength(1);
    expect(thanks[0]!.body).toMatch(/take the security .* very seriously/);
    expect(thanks[0]!.body).not.toMatch(/confirm|vulnerab|token/i);
  });

  it("no request to another repository carries the report's title or text", () => {
    const elsewhere = stack.sandbox.requests.filter(
      (request) => request.body && !request.path.startsWith(`/repos/${SOURCE}/`),
    );
    expect(elsewhere.length).toBeGreaterThan(2);
    for (const request of elsewhere) {
      expect(request.body, `${request.method} ${request.path}`).not.toContain(
        "Admin session tokens",
      );
      expect(request.body, `${request.method} ${request.path}`).not.toContain("REPORTER_SECRET");
    }
    const log = stack.sandbox
      .issues("acme/incidents")
      .find((issue) => issue.title.startsWith("[SEV-1]"))!;
    expect(log.title).toMatch(/^\[SEV-1\] Incident [a-z]+-[a-z]+$/);
    expect(stack.sandbox.comments("acme/architecture", 1)).toHaveLength(1);
  });

  it("the resolution opens a security-release follow-up in the source repository", () => {
    const release = stack.sandbox
      .issues(SOURCE)
      .filter((issue) => issue.title.startsWith("Security release:"));
    expect(release).toHaveLength(1);
  });
});
