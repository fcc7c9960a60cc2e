import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig, parseConfigText } from "../../src/config/load.js";

const FILE = ".github/sevbot.yml";

describe("config", () => {
  it("defaults encode the seeds: Sev-1 and Sev-2 are incidents, four definitions, per-severity checklists", () => {
    const config = defaultConfig();
    expect(config.severity.incidents).toEqual([1, 2]);
    expect(config.severity.labels).toEqual(["severity::N"]);
    expect(Object.keys(config.severity.definitions)).toEqual(["1", "2", "3", "4"]);
    expect(config.checklists[1].join(" ")).toMatch(
      /reproduction steps.*HTTP requests, log lines, screenshots/,
    );
    expect(config.tracker.repository).toBe("");
  });

  it("accepts a valid file and strips @ from names", () => {
    const { config, error } = parseConfigText(
      "oncall: ['@kim']\ncomponents:\n  owners:\n    api: [alice]\n",
      FILE,
    );
    expect(error).toBeUndefined();
    expect(config.oncall).toEqual(["kim"]);
    expect(config.components.owners).toEqual({ api: ["alice"] });
  });

  it("reports every bad path, and keeps the valid sections", () => {
    const { config, error } = parseConfig(
      {
        oncall: ["kim"],
        severity: { incidents: [1, 7], labels: ["sev"] },
        tracker: { repository: "not a repo" },
        colour: "red",
      },
      FILE,
    );
    expect(error).toMatch(/^Invalid config in \.github\/sevbot\.yml:/);
    expect(error).toContain("`severity.incidents.1`");
    expect(error).toContain("`severity.labels.0`: must contain N");
    expect(error).toContain("`tracker.repository`: must be owner/name");
    expect(error).toContain("`colour`: unknown setting");
    expect(config.oncall).toEqual(["kim"]);
    expect(config.severity.incidents).toEqual([1, 2]);
    expect(config.tracker.repository).toBe("");
  });

  it("broken YAML falls back to defaults with a readable error", () => {
    const { config, error } = parseConfigText("oncall: [kim\n", FILE);
    expect(error).toMatch(/^Invalid config in \.github\/sevbot\.yml:\n- \(YAML\)/);
    expect(config).toEqual(defaultConfig());
  });

  it("a list instead of a mapping is an error, not a crash", () => {
    expect(parseConfig(["a"], FILE).error).toMatch(/must be a mapping/);
  });
});

describe("one severity set alone", () => {
  it("a Sev-1 escalation policy on its own keeps the other severities' defaults, with no error", () => {
    const { config, error } = parseConfigText(
      "escalation:\n  policies:\n    1: { steps: [{ after: 0, notify: { channels: [], users: [], emails: [], oncall: true, page: true } }], repeatEvery: 3, maxRepeats: 2 }\n  statusEvery: { 1: 5 }\n",
      ".github/sevbot.yml",
    );
    expect(error).toBeUndefined();
    expect(config.escalation.policies[1]).toMatchObject({ repeatEvery: 3, maxRepeats: 2 });
    expect(config.escalation.policies[2]).toEqual(defaultConfig().escalation.policies[2]);
    expect(config.escalation.statusEvery).toEqual({ 1: 5, 2: 30, 3: 0, 4: 0 });
  });
});
