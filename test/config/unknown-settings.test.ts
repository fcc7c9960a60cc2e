import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load.js";

const FILE = ".github/sevbot.yml";

describe("an unknown setting (a typo) is named and ignored; the rest of its section counts", () => {
  it("components.owner for owners: the other component settings are kept, with a guess", () => {
    const text =
      "oncall: [lee]\ncomponents:\n  owner: { payments: [kim] }\n  fallbackOwners: [dana]\n";
    const loaded = parseConfigText(text, FILE);
    expect(loaded.config.components.fallbackOwners).toEqual(["dana"]);
    expect(loaded.config.oncall).toEqual(["lee"]);
    expect(loaded.error).toMatch(
      /^Invalid config in \.github\/sevbot\.yml:\n- `components\.owner`: unknown setting, ignored \(did you mean `owners`\?\); allowed here: labelPrefix, owners, rotations, fallbackOwners$/,
    );
  });

  it("a top-level typo does not claim defaults stand in for a section that does not exist", () => {
    const loaded = parseConfigText("oncal: [lee]\n", FILE);
    expect(loaded.error).toContain("- `oncal`: unknown setting, ignored (did you mean `oncall`?)");
    expect(loaded.error).not.toContain("built-in defaults");
  });

  it("every section once loose now names its unknown settings", () => {
    const sections = {
      severity: "severity: { label: [x] }",
      tracker: "tracker: { repo: acme/incidents }",
      statusLabels: "statusLabels: { activ: hot }",
      commands: "commands: { permission: { ack: write } }",
      resolution: "resolution: { followupLabels: [x] }",
      mitigation: "mitigation: { notfy: [a] }",
    };
    for (const [section, text] of Object.entries(sections)) {
      const error = parseConfigText(`${text}\n`, FILE).error ?? "";
      expect(error, section).toMatch(
        new RegExp(`^- \`${section}\\.\\w+\`: unknown setting, ignored`, "m"),
      );
    }
  });

  it("an unknown setting beside a real error: only the section in error falls back", () => {
    const text =
      "components:\n  owner: {}\n  fallbackOwners: [dana]\nescalation:\n  statusEvery: 30\n";
    const loaded = parseConfigText(text, FILE);
    expect(loaded.config.components.fallbackOwners).toEqual(["dana"]);
    expect(loaded.error).toContain("`components.owner`: unknown setting, ignored");
    expect(loaded.error).toMatch(/using the built-in defaults for `escalation` until/);
    expect(loaded.error).not.toMatch(/defaults for `components`/);
  });
});
