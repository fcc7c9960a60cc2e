import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDrill } from "../../src/cli/drill.js";

const SCENARIO = `
name: Database failover drill
repository: acme/drills
collaborators: { ana: write, ben: write }
config: |
  oncall: [ana, pager-duty-human]
  components:
    owners:
      db: [outsider-owner]
steps:
  - open: { as: ben, title: Primary database unreachable, labels: [component::db] }
  - label: { as: ben, add: [severity::1] }
  - wait: 6
  - comment: { as: ana, body: /ack }
  - comment: { as: ana, body: "/resolve root cause: failover tested" }
`;

describe("a drill end to end in the sandbox", () => {
  it("is labelled as a drill, notifies only its participants, and ends with a drill report", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sevbot-drill-")), "drill.yml");
    writeFileSync(file, SCENARIO);
    const out: string[] = [];
    expect(await runDrill([file], (line) => out.push(line))).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("labels: component::db, drill, severity::1, incident::resolved");
    expect(text).toContain("This is a drill");
    expect(text).toMatch(/@ana/);
    expect(text).not.toMatch(/@(pager-duty-human|outsider-owner)/);
    expect(text).toMatch(/## Drill report: Primary database unreachable\n\n- Time to acknowledge: \d+ min\n- Time to resolve: \d+ min\n- Steps missed:\n {2}- no status update/);
  }, 90_000);
});
