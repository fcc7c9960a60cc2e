import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SevbotConfig } from "../../src/config/schema.js";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { Incident } from "../../src/core/model.js";
import { config, labeled, NOW, ref, schedulerTick } from "../helpers/builders.js";

/**
 * A lowering or a config change keeps the escalation clock and changes the policy's timing: the
 * new plan must keep its own cadence, not wait until it passes the keys the old plan recorded.
 */
type Policy = SevbotConfig["escalation"]["policies"][1];
const MINUTE = 60_000;
const tick = schedulerTick();

function timing(afters: number[], repeatEvery: number, maxRepeats: number): Policy {
  const notify = config().escalation.policies[1].steps[0]!.notify;
  return {
    steps: [...afters].sort((a, b) => a - b).map((after) => ({ after, notify })),
    repeatEvery,
    maxRepeats,
  };
}

function withPolicies(sev1: Policy, sev2: Policy): SevbotConfig {
  const base = config();
  const { policies } = base.escalation;
  return {
    ...base,
    escalation: { ...base.escalation, policies: { ...policies, 1: sev1, 2: sev2 } },
  };
}

/** The longest a policy may stay quiet between two of its entries (its slow cadence's cap: 60). */
function longest(policy: Policy): number {
  return Math.max(60, policy.repeatEvery, ...policy.steps.map((step) => step.after)) * MINUTE;
}

const pages = (actions: Action[]) =>
  actions.filter(
    (action) =>
      action.kind === "notify" &&
      (action.notification.kind === "escalate" || action.notification.kind === "declare"),
  ).length;

interface Change {
  kind: "lower" | "config";
  at: number;
}

/**
 * A Sev-1 declared at NOW, ticked every minute, changed `change.at` minutes on: lowered to Sev-2
 * or given the second policy by a config change. Returns the longest silence after the change,
 * counted from the last escalation sent before it.
 */
function silenceAfter(first: Policy, second: Policy, change: Change, minutesAfter: number) {
  const before = withPolicies(first, second);
  const after = change.kind === "config" ? withPolicies(second, second) : before;
  let incident: Incident = {
    ...decide(undefined, labeled("severity::1"), before, NOW).incident!,
    log: ref(100),
  };
  let now = NOW.getTime();
  let last = now;
  let longestSilence = 0;
  for (let minute = 1; minute <= change.at + minutesAfter; minute++) {
    now += MINUTE;
    const cfg = minute < change.at ? before : after;
    if (minute === change.at && change.kind === "lower")
      incident = decide(incident, labeled("severity::2"), cfg, new Date(now)).incident!;
    const decision = decide(incident, tick, cfg, new Date(now));
    incident = decision.incident!;
    if (minute >= change.at) longestSilence = Math.max(longestSilence, now - last);
    if (pages(decision.actions) > 0) last = now;
  }
  return longestSilence;
}

describe("escalation after a lowering or a policy change", () => {
  it("a Sev-1 lowered to Sev-2 a day on escalates at its cadence, not 150 min later", () => {
    const sev1 = timing([0, 10], 5, 3);
    const sev2 = timing([0], 15, 2);
    const silence = silenceAfter(sev1, sev2, { kind: "lower", at: 24 * 60 }, 6 * 60);
    expect(silence / MINUTE).toBeLessThanOrEqual(60);
  });

  it(
    "never goes quieter than the slower of the two cadences, whatever the policies and the moment",
    { timeout: 600_000 },
    () => {
      const policy = fc
        .record({
          afters: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 3 }),
          repeatEvery: fc.integer({ min: 1, max: 90 }),
          maxRepeats: fc.integer({ min: 0, max: 6 }),
        })
        .map(({ afters, repeatEvery, maxRepeats }) => timing(afters, repeatEvery, maxRepeats));
      const change = fc.record({
        kind: fc.constantFrom<Change["kind"]>("lower", "config"),
        at: fc.integer({ min: 1, max: 8 * 60 }),
      });
      fc.assert(
        fc.property(policy, policy, change, (first, second, moment) => {
          const silence = silenceAfter(first, second, moment, 3 * 60);
          // One tick (a minute) late at most: the tick after the change resumes the new plan.
          expect(silence).toBeLessThanOrEqual(Math.max(longest(first), longest(second)) + MINUTE);
        }),
        { numRuns: Number(process.env.SEVBOT_REPLAN_RUNS ?? 60) },
      );
    },
  );

  it("sends no step again: a lowering a few minutes in waits for the new plan's next entry", () => {
    const sev1 = timing([0, 10], 5, 3);
    const sev2 = timing([0], 15, 2);
    const cfg = withPolicies(sev1, sev2);
    let incident: Incident = {
      ...decide(undefined, labeled("severity::1"), cfg, NOW).incident!,
      log: ref(100),
    };
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);
    incident = decide(incident, labeled("severity::2"), cfg, at(3)).incident!;
    const sent: number[] = [];
    for (let minute = 4; minute <= 40; minute++) {
      const decision = decide(incident, tick, cfg, at(minute));
      incident = decision.incident!;
      if (pages(decision.actions) > 0) sent.push(minute);
    }
    expect(sent).toEqual([15, 30]);
  });
});
