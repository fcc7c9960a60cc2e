import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../../src/config/load.js";
import type { SevbotConfig, SevbotConfigInput } from "../../src/config/schema.js";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import { applyArrivedConfig, markProvisional } from "../../src/core/decide/config-arrived.js";
import type { Incident } from "../../src/core/model.js";
import { labeled, ref, schedulerTick } from "../helpers/builders.js";

function settings(raw: SevbotConfigInput): SevbotConfig {
  const { config, error } = parseConfig(raw, "test");
  if (error) throw new Error(error);
  return config;
}

const DECLARED = "2026-11-22T14:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(DECLARED) + minutes * 60_000);
const tick = schedulerTick();

/** A Sev-1 declared on the stand-in defaults (the config could not be read in time). */
function declaredOnDefaults(labels = ["severity::1", "component::payments"]): Incident {
  const decision = decide(undefined, labeled("severity::1", labels), defaultConfig(), at(0));
  const marked = markProvisional(undefined, decision, true);
  return { ...marked.incident!, log: ref(100) };
}

const REAL = settings({
  oncall: ["lee"],
  components: { owners: { payments: ["kim"] } },
  escalation: {
    policies: {
      1: {
        steps: [
          { after: 0, notify: { channels: ["#payments-war"], page: true, oncall: true } },
          { after: 10, notify: { users: ["cto"] } },
        ],
        repeatEvery: 20,
        maxRepeats: 3,
      },
    },
  },
});

const comments = (actions: Action[]) =>
  actions.flatMap((action) => (action.kind === "comment" ? [action] : []));
const notifications = (actions: Action[]) =>
  actions.flatMap((action) => (action.kind === "notify" ? [action.notification] : []));

describe("a config that could not be read at declaration is applied once it can be", () => {
  it("the declaration on the defaults is marked; an incident that already existed is not", () => {
    expect(declaredOnDefaults().provisionalConfig).toBe(true);
    const existing = declaredOnDefaults();
    const next = markProvisional(existing, { incident: existing, actions: [] }, true);
    expect(next.incident).toBe(existing);
    const read = decide(undefined, labeled("severity::1"), REAL, at(0));
    expect(markProvisional(undefined, read, false).incident?.provisionalConfig).toBeUndefined();
  });

  it("one comment mentions the configured owners and on-call; the configured first step goes to its own targets", () => {
    const incident = declaredOnDefaults();
    const { incident: after, actions } = applyArrivedConfig(incident, "https://x/7", undefined, {
      config: REAL,
      now: at(2).toISOString(),
    });
    expect(comments(actions)).toHaveLength(1);
    expect(comments(actions)[0]!.key).toBe("config-arrived");
    expect(comments(actions)[0]!.body).toContain("@kim @lee");
    const sent = notifications(actions);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      key: expect.stringMatching(/^config-esc-/),
      targets: { channels: ["#payments-war"], page: true, users: ["lee"] },
    });
    expect(after?.provisionalConfig).toBeUndefined();
    expect(after?.timeline.at(-1)?.text).toBe(
      "Config read after the declaration: engaged kim, lee",
    );
  });

  it("applied once: the next tick on the same config adds nothing about it", () => {
    const first = applyArrivedConfig(declaredOnDefaults(), "u", undefined, {
      config: REAL,
      now: at(2).toISOString(),
    });
    const again = applyArrivedConfig(first.incident, "u", undefined, {
      config: REAL,
      now: at(3).toISOString(),
    });
    expect(again.actions).toEqual([]);
    expect(decide(first.incident, tick, REAL, at(3)).actions).toEqual([]);
  });

  it("later steps follow the configured policy, although the defaults' plan used the same key names", () => {
    // On the defaults, the only step repeated at +5 min (key …-r1) before the config could be read.
    const onDefaults = decide(declaredOnDefaults(), tick, defaultConfig(), at(5));
    expect(notifications(onDefaults.actions).map((sent) => sent.key)).toEqual([
      expect.stringMatching(/-r1$/),
    ]);
    const { incident } = applyArrivedConfig(onDefaults.incident, "u", undefined, {
      config: REAL,
      now: at(6).toISOString(),
    });
    expect(notifications(decide(incident, tick, REAL, at(9)).actions)).toEqual([]);
    const step2 = decide(incident, tick, REAL, at(10));
    expect(notifications(step2.actions).map((sent) => sent.targets.users)).toEqual([["cto"]]);
    // The configured first repeat (+30 min) fires although the defaults' …-r1 was done.
    const repeat = notifications(decide(step2.incident, tick, REAL, at(30)).actions);
    expect(repeat.map((sent) => [sent.key.slice(-3), sent.targets.users])).toEqual([
      ["-r1", ["cto"]],
    ]);
  });

  it("after an acknowledgement: the people are mentioned, nobody is paged", () => {
    const incident = { ...declaredOnDefaults(), status: "acknowledged" as const };
    const { actions } = applyArrivedConfig(incident, "u", undefined, {
      config: REAL,
      now: at(20).toISOString(),
    });
    expect(comments(actions)[0]!.body).toContain("@kim @lee");
    expect(notifications(actions)).toEqual([]);
  });

  it("a drill mentions only its participants", () => {
    const incident = declaredOnDefaults(["severity::1", "component::payments", "drill"]);
    expect(incident.drill).toBe(true);
    const { actions } = applyArrivedConfig(incident, "u", undefined, {
      config: { ...REAL, drills: { ...REAL.drills, participants: ["kim"] } },
      now: at(1).toISOString(),
    });
    expect(comments(actions)[0]!.body).toContain("@kim");
    expect(comments(actions)[0]!.body).not.toContain("@lee");
    expect(notifications(actions).flatMap((sent) => sent.targets.channels)).toEqual([]);
  });

  it("a resolved incident is only unmarked; an incident declared on its config is left alone", () => {
    const resolved = { ...declaredOnDefaults(), status: "resolved" as const };
    const settled = applyArrivedConfig(resolved, "u", undefined, {
      config: REAL,
      now: at(30).toISOString(),
    });
    expect(settled.actions).toEqual([]);
    expect(settled.incident?.provisionalConfig).toBeUndefined();
    const normal = decide(undefined, labeled("severity::1"), REAL, at(0)).incident!;
    expect(
      applyArrivedConfig(normal, "u", undefined, { config: REAL, now: at(1).toISOString() }),
    ).toEqual({ incident: normal, actions: [] });
  });
});
