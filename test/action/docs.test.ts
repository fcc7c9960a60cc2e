import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/** The README shows what ships: the workflow `init --write` installs, and action.yml's inputs. */
describe("the Action's documentation", () => {
  it("README shows the example workflow exactly as .github/workflows/sevbot.yml has it", () => {
    const workflow = read(".github/workflows/sevbot.yml").trimEnd();
    expect(read("README.md")).toContain(`\`\`\`yaml\n${workflow}\n\`\`\``);
  });

  it("the workflow gives the token issues: write and runs on the events the Action handles", () => {
    const workflow = load(read(".github/workflows/sevbot.yml")) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      concurrency: { group: string };
    };
    expect(Object.keys(workflow.on).sort()).toEqual(
      ["issue_comment", "issues", "schedule", "workflow_dispatch"].sort(),
    );
    expect(workflow.permissions.issues).toBe("write");
    expect(workflow.concurrency.group).toContain("github.event.issue.number");
  });

  it("action.yml's inputs are the README's, with the defaults the issue names", () => {
    const action = load(read("action.yml")) as {
      inputs: Record<string, { default?: string }>;
      runs: { using: string; main: string };
    };
    expect(action.runs.using).toBe("node20");
    expect(Object.keys(action.inputs)).toEqual(["github-token", "tracker-token", "config-path"]);
    expect(action.inputs["github-token"]!.default).toBe("${{ github.token }}");
    expect(action.inputs["config-path"]!.default).toBe(".github/sevbot.yml");
    for (const input of Object.keys(action.inputs))
      expect(read("README.md")).toContain(`| \`${input}\` |`);
  });
});
