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

  it("says what is allowed, and checks timezones, dates and user names as the server does", () => {
    const result = run(
      file(
        "severity:\n  incidents: [1, 5]\ncommands:\n  permissions: { ack: boss }\nrotations:\n  - name: emea\n    members: [ana, 'b c']\n    timezone: Europe/Pariss\n    startDate: 2026-02-30\n",
      ),
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain("`severity.incidents.1`: must be 1, 2, 3 or 4");
    expect(result.err).toContain(
      '`commands.permissions.ack`: must be one of "read", "triage", "write", "maintain" or "admin", not "boss"',
    );
    expect(result.err).toContain(
      '`rotations.0.timezone`: must be an IANA timezone such as Europe/Paris, America/New_York or UTC, not "Europe/Pariss"',
    );
    expect(result.err).toContain("`rotations.0.startDate`: must be a date that exists");
    expect(result.err).toContain("`rotations.0.members.1`: must be a user or team name");
  });

  it("broken YAML: the line and column, exit 1", () => {
    const result = run(file("oncall: [kim\nescalation: {}\n"));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/- \(YAML\) line \d+, column \d+: /);
  });

  it("unquoted dates are valid, as on GitHub", () => {
    const result = run(
      file(
        "rotations:\n  - { name: emea, members: [ana], startDate: 2026-01-05, handoffTime: 09:00 }\n",
      ),
    );
    expect(result).toMatchObject({ code: 0, err: "" });
  });
});
