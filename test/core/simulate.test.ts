import { describe, expect, it } from "vitest";
import { simulationLines } from "../../src/cli/simulate.js";
import { defaultConfig, parseConfig } from "../../src/config/load.js";

describe("sevbot simulate", () => {
  it("prints the default Sev-1 plan: channel, on-call and pager at once, then every 5 minutes", () => {
    const lines = simulationLines(defaultConfig(), 1, [], new Date("2026-11-22T14:00:00Z"));
    expect(lines[3]).toMatch(
      /^\+ {2}0 min {2}step 1 {5}@channel in #tech-incidents; on-call \(none configured\); PagerDuty page$/,
    );
    expect(lines.filter((line) => / repeat \d/.test(line))).toHaveLength(12);
    expect(lines.find((line) => line.includes("repeat 1"))).toMatch(/^\+ {2}5 min/);
  });

  it("past the repeats: the rotation's fallback, then everyone, slower, until someone acknowledges", () => {
    const { config } = parseConfig(
      { rotations: [{ name: "sre", members: ["ana"], startDate: "2026-11-16", fallback: "sam" }] },
      "t",
    );
    const lines = simulationLines(config, 1, [], new Date("2026-11-22T14:00:00Z"));
    const beyond = lines.filter((line) => line.includes("repeats used up"));
    expect(beyond.map((line) => /^\+\s*(\d+) min\s+(\w+)/.exec(line)!.slice(1).join(" "))).toEqual([
      "70 fallback",
      "90 everyone",
      "130 everyone",
      "190 everyone",
    ]);
    expect(beyond[0]).toMatch(/direct messages to sam/);
    expect(beyond[1]).toMatch(/@channel in #tech-incidents/);
    expect(lines.at(-1)).toBe(
      "Then every 60 min as the last line, until someone replies /ack (or the incident is resolved).",
    );
  });

  it("names who is on call now from the component's rotation", () => {
    const { config } = parseConfig(
      {
        rotations: [{ name: "payments", members: ["kim", "lee"], startDate: "2026-11-16" }],
        components: { rotations: { checkout: "payments" } },
      },
      "t",
    );
    const lines = simulationLines(config, 2, ["checkout"], new Date("2026-11-22T14:00:00Z"));
    expect(lines[1]).toBe("On call now in payments: kim");
    expect(lines.join("\n")).toMatch(/on-call kim/);
  });

  it("Sev-4: no paging", () => {
    expect(simulationLines(defaultConfig(), 4, [], new Date()).at(-1)).toBe(
      "No paging: handled through standard triage.",
    );
  });
  it("names a component's owners, and says of a component the config does not know, with a guess", () => {
    const { config } = parseConfig(
      { components: { owners: { payments: ["ana"] }, fallbackOwners: ["sam"] } },
      "t",
    );
    const at = new Date("2026-11-22T14:00:00Z");
    expect(simulationLines(config, 1, ["payments"], at)[2]).toBe("Owners of payments: @ana");
    expect(simulationLines(config, 1, ["paymnets"], at)[2]).toBe(
      "Component paymnets is not in components.owners or components.rotations " +
        "(did you mean payments? known: payments); the fallback owners are pinged: @sam",
    );
    expect(simulationLines(defaultConfig(), 1, ["web"], at)[2]).toBe(
      "Component web is not in components.owners or components.rotations " +
        "(none is configured); the fallback owners are pinged: nobody",
    );
  });
});
