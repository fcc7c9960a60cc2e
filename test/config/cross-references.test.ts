import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load.js";

const FILE = ".github/sevbot.yml";
const rotations = `rotations:
  - name: primary
    members: [alice, bob]
    timezone: Europe/Paris
    startDate: "2026-01-05"
  - name: secops
    members: [carol]
    timezone: UTC
    startDate: "2026-01-05"
`;

describe("a component mapped to a rotation that does not exist", () => {
  it("is reported by name, with the rotations there are, and the owners are kept", () => {
    const text = `components:
  owners: { payments: [dave] }
  rotations: { payments: secop, checkout: primary }
${rotations}`;
    const loaded = parseConfigText(text, FILE);
    expect(loaded.error).toBe(
      `Invalid config in ${FILE}:\n` +
        "- `components.rotations.payments`: no rotation is named `secop` " +
        "(rotations: `primary`, `secops`); payments uses the first rotation, `primary`, " +
        "until this is fixed.",
    );
    expect(loaded.config.components.owners).toEqual({ payments: ["dave"] });
    expect(loaded.config.components.rotations).toEqual({ payments: "secop", checkout: "primary" });
  });

  it("says nobody is on call when no rotation is configured at all", () => {
    const loaded = parseConfigText("components:\n  rotations: { web: primary }\n", FILE);
    expect(loaded.error).toContain("(rotations: none); nobody is on call for it.");
  });

  it("is added after the schema's own problems, which still fall back", () => {
    const text = `components:\n  rotations: { web: nope }\n${rotations}escalation: { statusEvery: 30 }\n`;
    const loaded = parseConfigText(text, FILE);
    const lines = loaded.error!.split("\n");
    expect(lines[0]).toBe(`Invalid config in ${FILE}:`);
    expect(lines.some((line) => line.startsWith("- `escalation.statusEvery`"))).toBe(true);
    expect(lines.at(-2)).toContain("`components.rotations.web`: no rotation is named `nope`");
    expect(lines.at(-1)).toBe(
      "sevbot is using the built-in defaults for `escalation` until this is fixed.",
    );
  });

  it("leaves a config whose names all resolve without an error", () => {
    const text = `components:\n  rotations: { payments: secops }\n${rotations}`;
    expect(parseConfigText(text, FILE).error).toBeUndefined();
  });
});
