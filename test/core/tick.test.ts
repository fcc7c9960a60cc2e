import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import type { SevbotConfig, SevbotConfigInput } from "../../src/config/schema.js";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { Incident } from "../../src/core/model.js";
import type { Notification } from "../../src/core/notification.js";
import { labeled, ref, said, schedulerTick } from "../helpers/builders.js";

/** Config as a repository would write it, through the real parser (defaults filled in). */
function settings(raw: SevbotConfigInput): SevbotConfig {
  const { config, error } = parseConfig(raw, "test");
  if (error) throw new Error(error);
  return config;
}

const tick = schedulerTick();
const say = (body: string, login: string) => said(body, { login });

function declare(
  cfg: SevbotConfig,
  at: string,
  label = "severity::1",
): { incident: Incident; actions: Action[] } {
  const decision = decide(undefined, labeled(label), cfg, new Date(at));
  return { incident: { ...decision.incident!, log: ref(100) }, actions: decision.actions };
}

function comments(actions: Action[], prefix: string): Array<Extract<Action, { kind: "comment" }>> {
  return actions.filter(
    (action): action is Extract<Action, { kind: "comment" }> =>
      action.kind === "comment" && action.key.startsWith(prefix),
  );
}

function notifications(actions: Action[]): Notification[] {
  return actions.flatMap((action) => (action.kind === "notify" ? [action.notification] : []));
}

// Three rotations around the world; every shift starts on Monday 2026-10-05 and lasts a week.
const emea = {
  name: "emea",
  members: ["ana", "ben", "cai"],
  timezone: "Europe/Paris",
  startDate: "2026-10-05",
  fallback: "secops",
};
const apac = {
  name: "apac",
  members: ["hana", "ito"],
  timezone: "Asia/Tokyo",
  startDate: "2026-10-05",
};
const amer = {
  name: "amer",
  members: ["dee", "eli"],
  timezone: "America/New_York",
  startDate: "2026-10-05",
};

describe("follow-the-sun hand-over prompt", () => {
  const cfg = settings({ rotations: [emea, apac, amer] });
  // Monday 2026-11-23: ana (emea) leads a Sev-1 acknowledged at 17:05 Paris (16:05 UTC).
  function ledByAna(config = cfg, label = "severity::1"): Incident {
    const { incident } = declare(config, "2026-11-23T16:00:00Z", label);
    return decide(incident, say("/ack", "ana"), config, new Date("2026-11-23T16:05:00Z")).incident!;
  }
  const prompts = (incident: Incident, at: string, config = cfg) =>
    comments(decide(incident, tick, config, new Date(at)).actions, "sun-");

  it("the prompt is decided once a day: the next tick has nothing to do", () => {
    const prompted = decide(ledByAna(), tick, cfg, new Date("2026-11-23T17:30:00Z")).incident!;
    expect(prompts(prompted, "2026-11-23T17:31:00Z")).toEqual([]);
    expect(prompts(prompted, "2026-11-23T23:00:00Z")).toEqual([]);
  });

  it("nothing while the lead's working hours last (17:59 Paris)", () => {
    expect(prompts(ledByAna(), "2026-11-23T16:59:00Z")).toEqual([]);
  });

  it("at 18:30 Paris it names the next responder whose hours have begun (New York, 12:30), skipping the rotation off shift", () => {
    const [prompt, ...more] = prompts(ledByAna(), "2026-11-23T17:30:00Z");
    expect(more).toEqual([]);
    expect(prompt!.issue).toEqual(ref(7));
    // Week 8 of amer's rotation (7 whole weeks since 2026-10-05): its second member, eli.
    expect(prompt!.body).toBe(
      "🌍 ana's working hours are over. Next responder: @eli (amer).\n\n_apac is off shift._\n\nana, hand over with `/handoff @eli`.",
    );
  });

  it("someone on leave is skipped with a note and the next member named", () => {
    const onLeave = settings({
      rotations: [
        emea,
        apac,
        { ...amer, leave: [{ user: "eli", from: "2026-11-20", to: "2026-11-27" }] },
      ],
    });
    const [prompt] = prompts(ledByAna(onLeave), "2026-11-23T17:30:00Z", onLeave);
    expect(prompt!.body).toContain("Next responder: @dee (amer).");
    expect(prompt!.body).toContain(
      "_apac is off shift; eli is on leave until 2026-11-27: skipped._",
    );
    expect(prompt!.body).toContain("`/handoff @dee`");
    expect(prompt!.body).not.toContain("@eli");
  });

  it("when every other rotation is off shift (00:30 Paris, 18:30 New York, 08:30 Tokyo), the fallback, with the reasons", () => {
    const [prompt] = prompts(ledByAna(), "2026-11-23T23:30:00Z");
    expect(prompt!.body).toContain("Next responder: @secops (emea).");
    expect(prompt!.body).toContain(
      "_apac is off shift; amer is off shift; nobody else is on shift: secops (fallback)._",
    );
  });

  it("the prompt's key is stable through the day (its marker posts it once) and new the next day", () => {
    const incident = ledByAna();
    const first = prompts(incident, "2026-11-23T17:30:00Z");
    const later = prompts(incident, "2026-11-23T18:45:00Z");
    expect(later.map((action) => action.key)).toEqual(first.map((action) => action.key));
    const nextEvening = prompts(incident, "2026-11-24T17:30:00Z");
    expect(nextEvening).toHaveLength(1);
    expect(nextEvening[0]!.key).not.toBe(first[0]!.key);
  });

  it("a Sev-2 gets it too; not while a hand-over is pending, not below the incident severities, not once resolved", () => {
    expect(prompts(ledByAna(cfg, "severity::2"), "2026-11-23T17:30:00Z")).toHaveLength(1);
    const offered = decide(
      ledByAna(),
      say("/handoff @eli", "ana"),
      cfg,
      new Date("2026-11-23T17:10:00Z"),
    ).incident!;
    expect(prompts(offered, "2026-11-23T17:20:00Z")).toEqual([]);
    const lowered = decide(
      ledByAna(),
      say("/sev 3", "ana"),
      cfg,
      new Date("2026-11-23T16:30:00Z"),
    ).incident!;
    expect(lowered.severity).toBe(3);
    expect(prompts(lowered, "2026-11-23T17:30:00Z")).toEqual([]);
    const resolved = decide(
      ledByAna(),
      say("/resolve root cause: bad deploy", "ana"),
      cfg,
      new Date("2026-11-23T16:30:00Z"),
    ).incident!;
    expect(prompts(resolved, "2026-11-23T17:30:00Z")).toEqual([]);
  });

  it("a lead who is in no rotation gets no prompt", () => {
    const { incident } = declare(cfg, "2026-11-23T16:00:00Z");
    const byOutsider = decide(
      incident,
      say("/ack", "zed"),
      cfg,
      new Date("2026-11-23T16:05:00Z"),
    ).incident!;
    expect(prompts(byOutsider, "2026-11-23T17:30:00Z")).toEqual([]);
  });
});

describe("stale-incident reminder", () => {
  // Sev-2 without status cadence, so the only reminder a quiet incident gets is the stale one.
  const cfg = settings({
    escalation: { statusEvery: { 1: 0, 2: 0, 3: 0, 4: 0 }, staleAfterHours: 24 },
  });
  const stale = (incident: Incident, at: string) =>
    comments(decide(incident, tick, cfg, new Date(at)).actions, "stale-");
  function acknowledged(): Incident {
    const { incident } = declare(cfg, "2026-11-22T14:00:00Z", "severity::2");
    return decide(incident, say("/ack", "lee"), cfg, new Date("2026-11-22T14:10:00Z")).incident!;
  }

  it("nothing before 24 hours without activity", () => {
    expect(stale(acknowledged(), "2026-11-23T14:09:00Z")).toEqual([]);
  });

  it("after 24 hours since the last timeline entry: a reminder naming the lead", () => {
    const [reminder, ...more] = stale(acknowledged(), "2026-11-23T14:40:00Z");
    expect(more).toEqual([]);
    expect(reminder!.body).toBe(
      "💤 No activity on this Sev-2 for 24 h 30 min. Post a `/status`, or `/resolve` it if it is over. @lee",
    );
    expect(reminder!.key).toBe(`stale-${Date.parse("2026-11-22T14:10:00Z")}`);
  });

  it("the key stays the same while nothing happens, so it is posted once; activity starts the count again", () => {
    const incident = acknowledged();
    expect(stale(incident, "2026-11-24T09:00:00Z").map((action) => action.key)).toEqual(
      stale(incident, "2026-11-23T15:00:00Z").map((action) => action.key),
    );
    const updated = decide(
      incident,
      say("/status still investigating", "lee"),
      cfg,
      new Date("2026-11-23T15:00:00Z"),
    ).incident!;
    expect(stale(updated, "2026-11-24T14:59:00Z")).toEqual([]);
    const again = stale(updated, "2026-11-24T15:00:00Z");
    expect(again).toHaveLength(1);
    expect(again[0]!.key).toBe(`stale-${Date.parse("2026-11-23T15:00:00Z")}`);
  });

  it("once decided, the reminder is in the ledger: the next tick has nothing to do (a quiet tick costs no request)", () => {
    const reminded = decide(acknowledged(), tick, cfg, new Date("2026-11-23T14:40:00Z")).incident!;
    expect(decide(reminded, tick, cfg, new Date("2026-11-23T14:41:00Z")).actions).toEqual([]);
    expect(decide(reminded, tick, cfg, new Date("2026-11-25T09:00:00Z")).actions).toEqual([]);
  });

  it("a resolved incident is never stale", () => {
    const resolved = decide(
      acknowledged(),
      say("/resolve root cause: cache", "lee"),
      cfg,
      new Date("2026-11-22T15:00:00Z"),
    ).incident!;
    expect(stale(resolved, "2026-11-30T00:00:00Z")).toEqual([]);
  });
});

describe("escalation ticks and the rotation", () => {
  it("pages the person covering an override, says why, and carries their Slack member id", () => {
    const cfg = settings({
      rotations: [{ ...emea, overrides: [{ user: "olu", from: "2026-11-22", to: "2026-11-23" }] }],
      notifications: { slackUsers: { OLU: "U0OLU1234", ana: "U0ANA1234" } },
    });
    const { incident, actions } = declare(cfg, "2026-11-22T14:00:00Z");
    expect(notifications(actions).map((notification) => notification.targets.users)).toEqual([
      ["olu"],
    ]);
    const repeat = decide(incident, tick, cfg, new Date("2026-11-22T14:05:00Z"));
    const [page] = notifications(repeat.actions);
    expect(page).toMatchObject({
      kind: "escalate",
      targets: {
        users: ["olu"],
        slackIds: { olu: "U0OLU1234" },
        page: true,
        channels: ["#tech-incidents"],
      },
    });
    const [comment] = comments(repeat.actions, "esc-");
    expect(comment!.body).toMatch(
      /^🔔 Escalation \(repeat 1\): @olu, this Sev-1 is not acknowledged after 5 min\./,
    );
    expect(comment!.body).toContain("olu covers emea until 2026-11-23.");
    expect(comment!.body).not.toMatch(/@(ana|ben|cai)\b/);
  });

  it("people without a Slack member id are left out of slackIds", () => {
    const cfg = settings({
      oncall: ["lee", "kim"],
      rotations: [emea],
      notifications: { slackUsers: { kim: "W0KIM1234" } },
    });
    const { actions } = declare(cfg, "2026-11-22T14:00:00Z");
    const [page] = notifications(actions);
    // Sunday 2026-11-22 15:00 Paris: 6 whole weeks since 2026-10-05, so emea's first member again.
    expect(page!.targets.users).toEqual(["ana", "lee", "kim"]);
    expect(page!.targets.slackIds).toEqual({ kim: "W0KIM1234" });
  });

  it("rejects a Slack member id that is not one", () => {
    const { error } = parseConfig({ notifications: { slackUsers: { lee: "#lee" } } }, "test");
    expect(error).toContain("`notifications.slackUsers.lee`");
  });

  // A daily rotation whose hand-off is 09:00 local. The repeat comes 12 hours after the
  // declaration, on the morning the clocks change: only the zone's real offset tells whether
  // the new shift has begun.
  it.each([
    // Europe/Berlin springs forward on 2026-03-29: 09:00 is 07:00 UTC that day (08:00 the day before).
    ["Europe/Berlin", "2026-03-28", "2026-03-29T06:30:00Z", "ana"],
    ["Europe/Berlin", "2026-03-28", "2026-03-29T07:30:00Z", "ben"],
    // America/New_York falls back on 2026-11-01: 09:00 is 14:00 UTC that day (13:00 the day before).
    ["America/New_York", "2026-10-31", "2026-11-01T13:30:00Z", "ana"],
    ["America/New_York", "2026-10-31", "2026-11-01T14:30:00Z", "ben"],
  ])(
    "%s (daily shifts from %s): a repeat at %s pages %s",
    (timezone, startDate, repeatAt, expected) => {
      const cfg = settings({
        rotations: [
          {
            name: "daily",
            members: ["ana", "ben"],
            timezone,
            rotationDays: 1,
            handoffTime: "09:00",
            startDate,
          },
        ],
        escalation: {
          policies: {
            1: {
              steps: [{ after: 0, notify: { oncall: true, page: true } }],
              repeatEvery: 720,
              maxRepeats: 2,
            },
            2: {},
            3: {},
            4: {},
          },
        },
      });
      const declaredAt = new Date(Date.parse(repeatAt) - 12 * 3_600_000).toISOString();
      const { incident, actions } = declare(cfg, declaredAt);
      expect(notifications(actions).map((notification) => notification.targets.users)).toEqual([
        ["ana"],
      ]);
      const repeat = decide(incident, tick, cfg, new Date(repeatAt));
      expect(
        notifications(repeat.actions).map((notification) => [
          notification.kind,
          notification.targets.users,
        ]),
      ).toEqual([["escalate", [expected]]]);
      expect(decide(repeat.incident, tick, cfg, new Date(repeatAt)).actions).toEqual([]);
    },
  );
});
