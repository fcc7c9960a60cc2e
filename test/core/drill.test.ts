import { describe, expect, it } from "vitest";
import { drillReminderKey, drillReport } from "../../src/core/drill.js";
import { decide } from "../../src/core/decide.js";
import { config, labeled, NOW } from "../helpers/builders.js";

describe("drill reminders (seed 003: at least twice a year)", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  it.each([
    ["a drill 2 months ago", "2026-09-22T00:00:00Z", 6, undefined],
    ["a drill 7 months ago", "2026-04-20T00:00:00Z", 6, "drill-reminder-2026-h2"],
    ["never a drill", undefined, 6, "drill-reminder-2026-h2"],
    ["reminders off", undefined, 0, undefined],
  ])("%s → %s", (_name, last, months, expected) => {
    expect(drillReminderKey(last, months, now)).toBe(expected);
  });
});

describe("drill report", () => {
  it("lists the steps missed", () => {
    const incident = decide(
      undefined,
      labeled("severity::1", ["severity::1", "drill"]),
      config(),
      NOW,
    ).incident!;
    expect(incident.drill).toBe(true);
    expect(drillReport(incident, config()).missed).toEqual([
      "nobody acknowledged (`/ack`)",
      "no Incident Lead was named",
      "no status update (`/status`)",
      "the incident was not resolved",
    ]);
  });

  it("a drill pages nobody and posts in no channel", () => {
    const { actions } = decide(
      undefined,
      labeled("severity::1", ["severity::1", "drill"]),
      config({ oncall: ["lee"] }),
      NOW,
    );
    const notify = actions.find((action) => action.kind === "notify") as {
      notification: { targets: unknown };
    };
    expect(notify.notification.targets).toEqual({
      channels: [],
      users: [],
      emails: [],
      page: false,
      onlyTargets: true,
    });
  });
});
