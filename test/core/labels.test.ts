import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/load.js";
import { desiredLabels, planLabels } from "../../src/core/labels.js";

describe("label reconciliation", () => {
  const desired = desiredLabels(defaultConfig());

  it("covers every label sevbot writes, once each, with valid colours and short descriptions", () => {
    const names = desired.map((label) => label.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "severity::1",
        "severity::4",
        "incident::active",
        "incident::resolved",
        "incident-log",
        "post-mortem",
        "priority::high",
        "security",
        "severity-proposed::2",
        "incident::update-overdue",
      ]),
    );
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    for (const label of desired) {
      expect(label.color).toMatch(/^[0-9a-f]{6}$/);
      expect(label.description.length).toBeLessThanOrEqual(100);
    }
  });

  it("creates what is missing, updates what differs, and a second run plans nothing", () => {
    const existing = [
      { name: "Severity::1", color: "000000", description: "old" },
      { name: "bug", color: "d73a4a", description: "Something isn't working" },
    ];
    const first = planLabels(existing, desired);
    expect(first.update.map((label) => label.name)).toEqual(["severity::1"]);
    expect(first.create).toHaveLength(desired.length - 1);
    const after = [...first.create, ...first.update, existing[1]!];
    expect(planLabels(after, desired)).toEqual({ create: [], update: [] });
  });
});
