import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { Incident } from "../../src/core/model.js";
import {
  config,
  labeled,
  NOW,
  ref,
  said,
  schedulerTick,
  withSev1Policy,
} from "../helpers/builders.js";

/**
 * Generated sequences of commands and ticks against the pure core, for the promises of issue 12's
 * groups 4 to 6: the first acknowledgement is kept, no status reminder comes within a cadence of
 * an update, an acknowledgement, a reopen or a change of lead, and escalation never falls silent
 * while nobody acknowledges.
 */
const PEOPLE = ["lee", "kim", "ana"] as const;
const tick = schedulerTick();

const say = (body: string, login: string) => said(body, { login });

type Step = { kind: "wait"; minutes: number } | { kind: "say"; body: string; as: string };

const person = fc.constantFrom(...PEOPLE);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .integer({ min: 1, max: 25 })
      .map((minutes) => ({ kind: "wait" as const, minutes })),
  },
  { weight: 2, arbitrary: person.map((as) => ({ kind: "say" as const, body: "/ack", as })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(person, person)
      .map(([as, to]) => ({ kind: "say" as const, body: `/lead @${to}`, as })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(person, person)
      .map(([as, to]) => ({ kind: "say" as const, body: `/handoff @${to}`, as })),
  },
  {
    weight: 2,
    arbitrary: person.map((as) => ({ kind: "say" as const, body: "/status still on it", as })),
  },
  {
    weight: 1,
    arbitrary: person.map((as) => ({
      kind: "say" as const,
      body: "/resolve rolled back\nroot cause: x",
      as,
    })),
  },
  { weight: 1, arbitrary: person.map((as) => ({ kind: "say" as const, body: "/resolve", as })) },
  { weight: 1, arbitrary: person.map((as) => ({ kind: "say" as const, body: "/reopen", as })) },
);

const isReminder = (action: Action) =>
  action.kind === "comment" && action.key.startsWith("status-reminder");

describe("generated lifecycles", () => {
  it("keep the first acknowledgement, and never ask for a status update within a cadence of a restart", () => {
    const every = config().escalation.statusEvery[1] * 60_000;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        let incident: Incident = {
          ...decide(undefined, labeled("severity::1"), config(), NOW).incident!,
          log: ref(100),
        };
        let now = NOW.getTime();
        let restartedAt = now;
        let firstAck: string | undefined;
        for (const next of steps) {
          if (next.kind === "wait") {
            // The scheduler ticks every minute of the wait.
            for (let minute = 0; minute < next.minutes; minute++) {
              now += 60_000;
              const decision = decide(incident, tick, config(), new Date(now));
              if (decision.actions.some(isReminder))
                expect(now - restartedAt, "a reminder within the cadence").toBeGreaterThanOrEqual(
                  every,
                );
              incident = decision.incident!;
            }
            continue;
          }
          const before = incident;
          incident = decide(incident, say(next.body, next.as), config(), new Date(now)).incident!;
          const restarted =
            (before.status === "declared" && incident.status === "acknowledged") ||
            (before.status === "resolved" && incident.status === "declared") ||
            before.lead !== incident.lead ||
            before.lastStatusAt !== incident.lastStatusAt;
          if (restarted) restartedAt = now;
          if (firstAck === undefined) firstAck = incident.acknowledgedAt;
          expect(incident.acknowledgedAt, "the first acknowledgement is kept").toBe(firstAck);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("escalation never falls silent while nobody acknowledges, whatever the policy and the outages", () => {
    const policy = fc.record({
      afters: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 3 }),
      repeatEvery: fc.integer({ min: 1, max: 30 }),
      maxRepeats: fc.integer({ min: 0, max: 6 }),
    });
    // Minutes between ticks: mostly every minute, sometimes an outage of up to five hours.
    const gaps = fc.array(
      fc.oneof(
        { weight: 20, arbitrary: fc.constant(1) },
        { weight: 1, arbitrary: fc.integer({ min: 2, max: 300 }) },
      ),
      { minLength: 50, maxLength: 400 },
    );
    fc.assert(
      fc.property(policy, gaps, ({ afters, repeatEvery, maxRepeats }, ticks) => {
        const base = config();
        const notify = base.escalation.policies[1].steps[0]!.notify;
        const cfg = withSev1Policy({
          steps: [...afters].sort((a, b) => a - b).map((after) => ({ after, notify })),
          repeatEvery,
          maxRepeats,
        });
        let incident: Incident = {
          ...decide(undefined, labeled("severity::1"), cfg, NOW).incident!,
          log: ref(100),
        };
        let now = NOW.getTime();
        let lastNotified = now;
        const longest = Math.max(60, repeatEvery, ...afters) * 60_000;
        for (const gap of ticks) {
          now += gap * 60_000;
          const decision = decide(incident, tick, cfg, new Date(now));
          incident = decision.incident!;
          const pages = decision.actions.filter(
            (action) =>
              action.kind === "notify" &&
              (action.notification.kind === "escalate" || action.notification.kind === "declare"),
          );
          // Consecutive entries of the plan are never further apart than the slowest cadence.
          if (now - lastNotified >= longest)
            expect(pages.length, `silent for ${(now - lastNotified) / 60_000} min`).toBeGreaterThan(
              0,
            );
          if (pages.length > 0) lastNotified = now;
        }
      }),
      { numRuns: 200 },
    );
  });
});
