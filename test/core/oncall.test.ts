import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../../src/config/load.js";
import { isWorkingHours, nextResponder, onCallNow } from "../../src/core/oncall.js";
import { zonedInstant } from "../../src/core/zoned-time.js";

function rotations(raw: unknown[]) {
  const { config, error } = parseConfig({ rotations: raw }, "test");
  if (error) throw new Error(error);
  return config;
}

const paris = {
  name: "emea",
  members: ["ana", "ben", "cai"],
  timezone: "Europe/Paris",
  rotationDays: 7,
  handoffTime: "09:00",
  startDate: "2026-10-05",
  fallback: "secops",
};

describe("on-call rotation", () => {
  const config = rotations([paris]);
  const rotation = config.rotations[0]!;

  it.each([
    ["2026-10-05", "09:00", "ana"],
    ["2026-10-12", "08:59", "ana"],
    ["2026-10-12", "09:00", "ben"],
    ["2026-10-19", "10:00", "cai"],
    ["2026-10-26", "10:00", "ana"],
  ])("%s %s Paris time → %s", (date, time, expected) => {
    expect(onCallNow(rotation, zonedInstant(date, time, "Europe/Paris")).user).toBe(expected);
  });

  it("the hand-off stays at 09:00 local across the daylight-saving change (25 Oct 2026)", () => {
    // Clocks go back on Sunday 25 October: 09:00 Paris is 07:00 UTC before, 08:00 UTC after.
    const before = zonedInstant("2026-10-19", "09:00", "Europe/Paris");
    const after = zonedInstant("2026-10-26", "09:00", "Europe/Paris");
    expect(before.toISOString()).toBe("2026-10-19T07:00:00.000Z");
    expect(after.toISOString()).toBe("2026-10-26T08:00:00.000Z");
    expect(onCallNow(rotation, new Date("2026-10-26T07:30:00Z")).user).toBe("cai");
    expect(onCallNow(rotation, new Date("2026-10-26T08:00:00Z")).user).toBe("ana");
  });

  it("an override covers a date range", () => {
    const covered = rotations([
      { ...paris, overrides: [{ user: "dev", from: "2026-10-13", to: "2026-10-14" }] },
    ]).rotations[0]!;
    expect(onCallNow(covered, zonedInstant("2026-10-13", "12:00", "Europe/Paris")).user).toBe(
      "dev",
    );
    expect(onCallNow(covered, zonedInstant("2026-10-15", "12:00", "Europe/Paris")).user).toBe(
      "ben",
    );
  });

  it("someone on leave is skipped with a note; everyone on leave → the fallback", () => {
    const leave = rotations([
      { ...paris, leave: [{ user: "ben", from: "2026-10-12", to: "2026-10-16" }] },
    ]).rotations[0]!;
    const onCall = onCallNow(leave, zonedInstant("2026-10-13", "12:00", "Europe/Paris"));
    expect(onCall.user).toBe("cai");
    expect(onCall.notes).toEqual(["ben is on leave until 2026-10-16: skipped"]);
    const all = rotations([
      {
        ...paris,
        leave: ["ana", "ben", "cai"].map((user) => ({
          user,
          from: "2026-10-01",
          to: "2026-10-31",
        })),
      },
    ]).rotations[0]!;
    expect(onCallNow(all, zonedInstant("2026-10-13", "12:00", "Europe/Paris")).user).toBe("secops");
  });

  it("working hours are local: Monday 17:59 Paris is in, 18:00 out, Saturday out", () => {
    expect(isWorkingHours(rotation, zonedInstant("2026-11-23", "17:59", "Europe/Paris"))).toBe(
      true,
    );
    expect(isWorkingHours(rotation, zonedInstant("2026-11-23", "18:00", "Europe/Paris"))).toBe(
      false,
    );
    expect(isWorkingHours(rotation, zonedInstant("2026-11-21", "12:00", "Europe/Paris"))).toBe(
      false,
    );
  });
});

describe("follow-the-sun", () => {
  const config = rotations([
    paris,
    {
      name: "amer",
      members: ["dee", "eli"],
      timezone: "America/New_York",
      startDate: "2026-10-05",
    },
  ]);

  it("when the lead's day ends, the next responder is the on-call whose hours have begun", () => {
    const evening = zonedInstant("2026-11-23", "18:30", "Europe/Paris"); // 12:30 in New York
    expect(nextResponder(config, "ana", evening)?.user).toBe("eli");
  });

  it("nobody while the lead is still working", () => {
    expect(
      nextResponder(config, "ana", zonedInstant("2026-11-23", "11:00", "Europe/Paris")),
    ).toBeUndefined();
  });

  it("when nobody else is on shift, the fallback, with the reason", () => {
    const night = zonedInstant("2026-11-24", "03:00", "Europe/Paris"); // 21:00 in New York
    const next = nextResponder(config, "ana", night);
    expect(next?.user).toBe("secops");
    expect(next?.notes).toContain("amer is off shift");
  });

  it("no rotations configured: nothing to suggest", () => {
    expect(nextResponder(defaultConfig(), "ana", new Date())).toBeUndefined();
  });
});
