import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { startStack, type Stack } from "./harness.js";

const REPO = "acme/shop";

const FIRST = {
  title: "Checkout fails with 502 from the payment gateway",
  body: [
    "Customers cannot pay.",
    "POST /api/v2/checkout/88412 HTTP/1.1",
    "2026-11-20 10:01:02 ERROR [payments-api] 502 Bad Gateway: upstream pool exhausted",
  ].join("\n"),
};
const AGAIN = {
  title: "Payment gateway 502 at checkout again",
  body: [
    "Same symptoms as last week?",
    "POST /api/v2/checkout/99120 HTTP/1.1",
    "2026-11-22 13:00:00 ERROR [payments-api] 502 Bad Gateway",
  ].join("\n"),
};
const NEW_KIND = {
  title: "Feature flags return stale values",
  body: "2026-11-22 13:05:00 ERROR [flagd] FlagEvaluationException: cache generation mismatch",
};

/**
 * Issue 15 on each platform's sandbox: a resolved incident is remembered, its recurrence is shown
 * it after the checklist, and a brand-new failure gets nothing until someone asks with /similar.
 */
describe.each([
  { platform: "github" as const, command: (text: string) => `/${text}` },
  { platform: "gitlab" as const, command: (text: string) => `/sevbot ${text}` },
])("similar past incidents on the $platform sandbox", ({ platform, command }) => {
  let stack: Stack;
  let first: number;
  let again: number;
  let newKind: number;
  let actionItem: number;
  const logOf = (source: number) =>
    stack.sandbox
      .issues(REPO)
      .find((issue) => issue.body?.includes(`sevbot:log-for ${platform}:${REPO}#${source} `))!;
  const bodies = (number: number) =>
    stack.sandbox.comments(REPO, number).map((comment) => comment.body ?? "");

  async function declare(report: { title: string; body: string }): Promise<number> {
    const number = await stack.sandbox.openIssue(REPO, {
      as: "dana",
      ...report,
      labels: ["component::payments"],
    });
    await stack.sandbox.addLabels(REPO, number, ["severity::2"], { as: "dana" });
    await waitForQuiet(stack.sandbox, 300);
    return number;
  }

  beforeAll(async () => {
    stack = await startStack({ platform });
    stack.sandbox.createRepo(REPO, { collaborators: { dana: "write" } });
    first = await declare(FIRST);
    actionItem = await stack.sandbox.openIssue(REPO, { as: "dana", title: "Alert on pool usage" });
    const learned = [
      "impact 8% of card payments failed for 40 minutes",
      "timeline 09:10 impact started",
      "timeline 09:25 detected by the payments alert",
      `action #${actionItem}`,
      "action Add a load test of the gateway pool",
      "resolve doubled the gateway pool root cause: the gateway connection pool was too small",
    ];
    await stack.sandbox.comment(REPO, first, learned.map(command).join("\n"), { as: "dana" });
    // The recurrence is declared once the first incident's log is closed as resolved.
    // Generous: GitHub's writes are paced, and other suites may share the machine.
    await vi.waitFor(() => expect(logOf(first).state).toBe("closed"), {
      timeout: 60_000,
      interval: 100,
    });
    await waitForQuiet(stack.sandbox, 300);
    again = await declare(AGAIN);
    newKind = await declare(NEW_KIND);
  }, 180_000);

  afterAll(async () => stack?.stop());

  it("shows the recurrence its past incident, after the checklist, with what was learned", async () => {
    await vi.waitFor(
      () =>
        expect(bodies(again).some((body) => body.includes("<!-- sevbot:similar -->"))).toBe(true),
      { timeout: 20_000, interval: 100 },
    );
    const all = bodies(again);
    const similar = all.find((body) => body.includes("<!-- sevbot:similar -->"))!;
    expect(all.findIndex((body) => body.includes("<!-- sevbot:checklist -->"))).toBeLessThan(
      all.indexOf(similar),
    );
    expect(similar).toContain(`**${FIRST.title}**`);
    expect(similar, similar).toContain("root cause: the gateway connection pool was too small");
    expect(similar).toContain("resolution: doubled the gateway pool");
    expect(similar).toContain("same component `payments`");
    expect(similar).toContain("`http:POST /api/v2/checkout/:id`");
  });

  it("posts nothing for a brand-new kind of failure; /similar answers that nothing is close", async () => {
    expect(bodies(newKind).some((body) => body.includes("Similar past incidents"))).toBe(false);
    await stack.sandbox.comment(REPO, newKind, command("similar"), { as: "dana" });
    await vi.waitFor(
      () => expect(bodies(newKind).some((body) => body.includes("None close enough"))).toBe(true),
      { timeout: 20_000, interval: 100 },
    );
  });

  it("the log and the post-mortem carry the impact, its start and detection, and the action items", () => {
    const issues = stack.sandbox.issues(REPO);
    const log = logOf(first);
    expect(log.body).toContain("| Impact | 8% of card payments failed for 40 minutes |");
    expect(log.body).toMatch(/\| Impact started \| \d{4}-\d\d-\d\d 09:10 UTC \|/);
    expect(log.body).toMatch(/\| Detected \(time to detect\) \| .* 09:25 UTC \(after 15 min\) \|/);
    const opened = issues.find(
      (issue) => issue.title === "Action item: Add a load test of the gateway pool",
    )!;
    const suffix = platform === "gitlab" ? "+" : "";
    expect(log.body).toContain(
      `## Action items\n\n- #${actionItem}${suffix}\n- #${opened.number}${suffix}`,
    );
    expect(opened.labels.map((label) => label.name)).toContain("incident-follow-up");
    // GitLab links it to the incident's issue; GitHub has the reference in its body.
    if (platform === "gitlab")
      expect(stack.sandbox.links(REPO, opened.number)).toMatchObject([
        { repo: REPO, number: first, link_type: "relates_to" },
      ]);
    else expect(opened.body).toContain(`#${first}`);
    const postMortem = issues.find((issue) => issue.title.startsWith("Post-mortem:"))!;
    expect(postMortem.body).toContain("8% of card payments failed for 40 minutes");
    expect(postMortem.body).toContain("## Does the incident response plan need a change?");
  });

  it("sent only requests the platform's API description allows", () => {
    expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });
});
