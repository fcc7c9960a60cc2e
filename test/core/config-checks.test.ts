import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig, parseConfigText } from "../../src/config/load.js";
import { onCallNow } from "../../src/core/oncall.js";

const FILE = ".gitlab/sevbot.yml";

function rotation(fields: string): string {
  return `oncall: [kim]\nrotations:\n  - name: emea\n    members: [ana, ben]\n${fields}`;
}

describe("semantic checks: a config that would fail at event time is a config error", () => {
  it("an unknown timezone is refused with what is allowed; the rotations fall back, the rest is kept", () => {
    const { config, error } = parseConfigText(rotation("    timezone: Europe/Pariss\n"), FILE);
    expect(error).toContain(
      '`rotations.0.timezone`: must be an IANA timezone such as Europe/Paris, America/New_York or UTC, not "Europe/Pariss"',
    );
    expect(error).toContain("built-in defaults for `rotations`");
    expect(config.rotations).toEqual([]);
    expect(config.oncall).toEqual(["kim"]);
  });

  it("every timezone the schema accepts can be used by the on-call lookup", () => {
    for (const zone of ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Etc/GMT+5"]) {
      const { config, error } = parseConfigText(rotation(`    timezone: ${zone}\n`), FILE);
      expect(error, zone).toBeUndefined();
      expect(() => onCallNow(config.rotations[0]!, new Date("2026-11-22T14:00:00Z"))).not.toThrow();
    }
  });

  it.each([
    ["    startDate: 2026-02-30\n", "`rotations.0.startDate`: must be a date that exists"],
    ["    startDate: 2026-1-5\n", "`rotations.0.startDate`: must be a date YYYY-MM-DD"],
    ["    handoffTime: '24:30'\n", "`rotations.0.handoffTime`: must be a 24-hour time HH:MM"],
    [
      "    overrides: [{ user: cai, from: 2026-12-26, to: 2026-12-24 }]\n",
      "`rotations.0.overrides.0.to`: `to` must not be before `from`",
    ],
    [
      "    leave: [{ user: 'not a name!', from: 2026-12-24, to: 2026-12-26 }]\n",
      "`rotations.0.leave.0.user`: must be a user or team name",
    ],
  ])("%s is refused", (fields, message) => {
    expect(parseConfigText(rotation(fields), FILE).error).toContain(message);
  });

  it("unquoted dates are read as the dates written, not as timestamps", () => {
    const { config, error } = parseConfigText(
      rotation(
        "    startDate: 2026-01-05\n    overrides: [{ user: cai, from: 2026-12-24, to: 2026-12-26 }]\n",
      ),
      FILE,
    );
    expect(error).toBeUndefined();
    expect(config.rotations[0]).toMatchObject({
      startDate: "2026-01-05",
      overrides: [{ user: "cai", from: "2026-12-24", to: "2026-12-26" }],
    });
  });

  it("a Date handed over by a YAML 1.1 reader is checked as the date it was written as", () => {
    const fromText = parseConfigText(rotation("    startDate: 2026-01-05\n"), FILE);
    const fromDate = parseConfig(
      {
        oncall: ["kim"],
        rotations: [{ name: "emea", members: ["ana", "ben"], startDate: new Date("2026-01-05") }],
      },
      FILE,
    );
    expect(fromDate).toEqual(fromText);
  });
});

describe("YAML syntax errors", () => {
  it.each([
    ["oncall: [kim\n", 2, 1],
    ["oncall:\n  - kim\n lee: 1\n", 3, 2],
    ["a: 1\na: 2\n", 2, 1],
  ])("%j: the parser's line and column, every section on its defaults", (text, line, column) => {
    const { config, error } = parseConfigText(text, FILE);
    expect(error).toMatch(
      new RegExp(
        `^Invalid config in \\.gitlab/sevbot\\.yml:\\n- \\(YAML\\) line ${line}, column ${column}: \\S`,
      ),
    );
    expect(error).toContain("built-in defaults for every setting");
    expect(config).toEqual(defaultConfig());
  });
});

describe("messages say what is allowed", () => {
  it.each([
    ["severity:\n  incidents: [1, 5]\n", "`severity.incidents.1`: must be 1, 2, 3 or 4"],
    [
      "resolution:\n  postMortemSeverities: [0]\n",
      "`resolution.postMortemSeverities.0`: must be 1, 2, 3 or 4",
    ],
    [
      "commands:\n  permissions: { ack: boss }\n",
      '`commands.permissions.ack`: must be one of "read", "triage", "write", "maintain" or "admin", not "boss"',
    ],
    ["oncall: kim\n", '`oncall`: must be a list, not "kim"'],
    [
      "escalation:\n  statusEvery: { 1: -5 }\n",
      "`escalation.statusEvery.1`: must be at least 0, not -5",
    ],
    [
      "rotations:\n  - { name: a, members: [] }\n",
      "`rotations.0.members`: must list at least 1 entry",
    ],
    ["rotations:\n  - { members: [kim] }\n", "`rotations.0.name`: is required (text)"],
    ["drills: { reminderMonths: true }\n", "`drills.reminderMonths`: must be a number, not true"],
    [
      "escalation:\n  policies:\n    1: { steps: [{ notify: { pager: true } }] }\n",
      "`escalation.policies.1.steps.0.notify.pager`: unknown setting, ignored (did you mean `page`?); allowed here: channels, everyone, users, emails, oncall, page",
    ],
    [
      "colour: red\n",
      "`colour`: unknown setting, ignored; allowed here: _extends, severity, checklists",
    ],
  ])("%j", (text, message) => {
    expect(parseConfigText(text, FILE).error).toContain(message);
  });
});

describe("per-severity settings", () => {
  it("a severity that does not exist is an error naming the four that do", () => {
    expect(parseConfigText("escalation:\n  statusEvery: { 5: 10 }\n", FILE).error).toContain(
      "`escalation.statusEvery.5`: unknown setting, ignored; allowed here: 1, 2, 3, 4",
    );
  });
});
