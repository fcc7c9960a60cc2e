import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDrill } from "../../src/cli/drill.js";
import { startStack, type Stack } from "./harness.js";

const SCENARIO = `
name: Login outage drill
repository: ignored/by-repo-flag
collaborators: { dana: write }
steps:
  - open: { as: dana, title: Login returns 502 }
  - label: { as: dana, add: [severity::2] }
  - comment: { as: dana, body: /ack }
`;

/** A drill against a repository where sevbot runs (here the sandbox stands in for GitHub). */
describe("a drill on a repository through the API", () => {
  let stack: Stack;
  afterAll(async () => stack?.stop());

  it("plays the steps with the token, and reports from the log issues", async () => {
    stack = await startStack();
    stack.sandbox.createRepo("acme/live", { collaborators: { dana: "write" } });
    const file = join(mkdtempSync(join(tmpdir(), "sevbot-drill-")), "drill.yml");
    writeFileSync(file, SCENARIO);
    const out: string[] = [];
    expect(
      await runDrill(
        [
          file,
          "--repo",
          "acme/live",
          "--api",
          stack.sandbox.apiUrl,
          "--token",
          "user-dana",
          "--settle",
          "1.5",
        ],
        (line) => out.push(line),
      ),
    ).toBe(0);
    const issue = stack.sandbox.issue("acme/live", 1);
    expect(issue.labels.map((label) => label.name)).toEqual(
      expect.arrayContaining(["drill", "severity::2", "incident::acknowledged"]),
    );
    expect(out.join("\n")).toMatch(
      /## Drill report: Login returns 502\n\n- Time to acknowledge: \d+ min\n- Time to resolve: not resolved\n- Steps missed:\n {2}- no status update \(`\/status`\)\n {2}- the incident was not resolved/,
    );
  }, 60_000);
});
