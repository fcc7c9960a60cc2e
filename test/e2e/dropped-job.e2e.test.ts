import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForDrained } from "../../src/scenario/settle.js";
import { startStack, type Stack } from "./harness.js";

const SOURCE = "acme/shop";

/**
 * A job the forge refuses for good is dropped, and the people on the issue are told why, once:
 * here a Sev-1 whose log cannot be opened because `tracker.repository` names no repository.
 */
describe("a declaration the forge refuses for good", () => {
  let stack: Stack;
  let number: number;
  const dropped = () =>
    stack.sandbox
      .comments(SOURCE, number)
      .filter((comment) => comment.body?.includes("<!-- sevbot:job-dropped "));

  beforeAll(async () => {
    stack = await startStack();
    stack.sandbox.createRepo(SOURCE, {
      collaborators: { dana: "write" },
      files: { ".github/sevbot.yml": "tracker:\n  repository: acme/incidnets\n" },
    });
    number = await stack.sandbox.openIssue(SOURCE, { as: "reporter", title: "DB down" });
    await stack.sandbox.addLabels(SOURCE, number, ["severity::1"], { as: "dana" });
    await waitForDrained(stack.sandbox, stack.server.url);
  }, 60_000);

  afterAll(async () => stack?.stop());

  it("says on the issue what failed, why, and what to do once it is fixed", () => {
    expect(dropped()).toHaveLength(1);
    const body = dropped()[0]!.body!;
    expect(body).toMatch(/^⚠️ sevbot could not finish handling this label \(severity::1\)/);
    expect(body).toContain("check `tracker.repository`");
    expect(body).toMatch(/> 404 \(GET [^)]*\/repos\/acme\/incidnets\/issues\): Not Found/);
    expect(body).toContain("repeat what you did");
  });

  it("says it once, even when the same refusal comes again", async () => {
    await stack.sandbox.removeLabel(SOURCE, number, "severity::1", { as: "dana" });
    await stack.sandbox.addLabels(SOURCE, number, ["severity::1"], { as: "dana" });
    await waitForDrained(stack.sandbox, stack.server.url);
    // A new delivery is a new job: told again, with its own marker, never twice for one job.
    const markers = dropped().map((comment) => /job-dropped (\S+)/.exec(comment.body!)![1]);
    expect(markers).toHaveLength(2);
    expect(new Set(markers).size).toBe(2);
  });
});
