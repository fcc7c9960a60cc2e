import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/validate.js";

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "sevbot-")), "sevbot.yml");
  writeFileSync(path, text);
  return path;
}

function run(path: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runValidate(
    [path],
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("sevbot validate", () => {
  it("a broken config: every error with its path, exit 1", () => {
    const result = run(
      file(
        'severity:\n  incidents: [0]\noncall: ["not a name!"]\nescalation:\n  statusEvery: { 1: -5 }\nwat: 1\n',
      ),
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Invalid config in .*sevbot\.yml:/);
    for (const path of ["severity.incidents.0", "oncall.0", "escalation.statusEvery.1", "wat"])
      expect(result.err).toContain(`\`${path}\``);
  });

  it("a valid config: exit 0", () => {
    const result = run(file("oncall: [kim]\n"));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out).toMatch(/is valid/);
  });

  it("a missing file: exit 2 with the reason", () => {
    expect(run("/nonexistent/sevbot.yml")).toMatchObject({
      code: 2,
      err: "Cannot read /nonexistent/sevbot.yml: ENOENT",
    });
  });
});
