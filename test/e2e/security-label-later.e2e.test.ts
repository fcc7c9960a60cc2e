import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { startStack, type Stack } from "./harness.js";

const SOURCE = "acme/shop";

/**
 * Seed 002 on the built server: a report that triage finds to be a security problem after it
 * was opened (the `security` label added later) engages the security people then, once.
 */
describe("a report labelled security after it was opened", () => {
  let stack: Stack;
  let number: number;

  beforeAll(async () => {
    stack = await startStack();
    stack.sandbox.createRepo(SOURCE, {
      collaborators: { dana: "write" },
      files: { ".github/sevbot.yml": "security:\n  engage: [sec-lead]\n" },
    });
    number = await stack.sandbox.openIssue(SOURCE, {
      as: "outsider",
      title: "Odd tokens in the access log",
      body: "Seen at /var/log/nginx/access.log",
    });
    await waitForQuiet(stack.sandbox, 300);
    await stack.sandbox.addLabels(SOURCE, number, ["security"], { as: "dana" });
    await waitForQuiet(stack.sandbox, 300);
    // A redelivery of the label, and another label, engage nobody again.
    await stack.sandbox.addLabels(SOURCE, number, ["bug"], { as: "dana" });
    await waitForQuiet(stack.sandbox, 300);
  }, 60_000);

  afterAll(async () => stack?.stop());

  it("mentions security.engage exactly once on the issue", () => {
    const engaged = stack.sandbox
      .comments(SOURCE, number)
      .filter((comment) => comment.body?.includes("<!-- sevbot:security-engage -->"));
    expect(engaged).toHaveLength(1);
    expect(engaged[0]!.body).toContain("🔒 Engaged: @sec-lead.");
  });
});
