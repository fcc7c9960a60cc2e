import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { Incident } from "../../src/core/model.js";
import type { Notification } from "../../src/core/notification.js";
import { wasPaged } from "../../src/core/paging.js";
import {
  config,
  human,
  labeled,
  NOW,
  said,
  schedulerTick,
  withSev1Policy,
} from "../helpers/builders.js";

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const notifications = (actions: Action[]): Notification[] =>
  actions.flatMap((action) => (action.kind === "notify" ? [action.notification] : []));
const command = (body: string, id: number, labels: string[]) =>
  said(body, { login: human.login, id, labels });
const tick = schedulerTick;

/** PagerDuty's share of the notifications: a trigger is a paging declare/escalate. */
function pagerDuty(sent: Notification[]): string[] {
  return sent.flatMap((notification) => {
    if (!notification.targets.page) return [];
    return notification.kind === "declare" || notification.kind === "escalate"
      ? ["trigger"]
      : [notification.kind];
  });
}

describe("PagerDuty hears acknowledge and resolve only for what it was paged for", () => {
  it("a Sev-2 under the default policy (page: false) is never triggered, so never acknowledged or resolved", () => {
    const cfg = config();
    const declared = decide(undefined, labeled("severity::2"), cfg, NOW);
    expect(declared.incident!.paged).toBe(false);
    const acked = decide(declared.incident, command("/ack", 1, ["severity::2"]), cfg, at(1));
    const resolved = decide(acked.incident, command("/resolve", 2, ["severity::2"]), cfg, at(2));
    const sent = notifications([...declared.actions, ...acked.actions, ...resolved.actions]);
    expect(sent.map((notification) => notification.kind)).toEqual([
      "declare",
      "acknowledge",
      "resolve",
    ]);
    expect(pagerDuty(sent)).toEqual([]);
  });

  it("a Sev-1 (page: true) is triggered, then acknowledged and resolved", () => {
    const cfg = config();
    const declared = decide(undefined, labeled("severity::1"), cfg, NOW);
    expect(declared.incident!.paged).toBe(true);
    const acked = decide(declared.incident, command("/ack", 1, ["severity::1"]), cfg, at(1));
    const resolved = decide(acked.incident, command("/resolve", 2, ["severity::1"]), cfg, at(2));
    expect(
      pagerDuty(notifications([...declared.actions, ...acked.actions, ...resolved.actions])),
    ).toEqual(["trigger", "acknowledge", "resolve"]);
  });

  it("a state from before `paged` was recorded is read as paged when a policy pages (a lost acknowledge keeps people paged)", () => {
    const { paged: _paged, ...legacy } = decide(undefined, labeled("severity::2"), config(), NOW)
      .incident as Incident;
    expect(wasPaged(legacy, config())).toBe(true);
    const noPaging = withSev1Policy({
      steps: [
        {
          after: 0,
          notify: { ...config().escalation.policies[1].steps[0]!.notify, page: false },
        },
      ],
      repeatEvery: 0,
      maxRepeats: 0,
    });
    expect(wasPaged(legacy, noPaging)).toBe(false);
    expect(wasPaged({ ...legacy, drill: true }, config())).toBe(false);
  });

  type Step = {
    minutes: number;
    what: "tick" | "/ack" | "/resolve" | "/reopen" | "/sev 1" | "/sev 2";
  };
  const steps = fc.array(
    fc.record({
      minutes: fc.integer({ min: 0, max: 90 }),
      what: fc.constantFrom<Step["what"]>(
        "tick",
        "tick",
        "/ack",
        "/resolve",
        "/reopen",
        "/sev 1",
        "/sev 2",
      ),
    }),
    { maxLength: 20 },
  );

  it("over generated sequences: acknowledge/resolve reach PagerDuty exactly when a trigger went out before", () => {
    fc.assert(
      fc.property(fc.constantFrom(1 as const, 2 as const), steps, (severity, sequence) => {
        const cfg = config();
        let labels = [`severity::${severity}`];
        let minute = 0;
        const first = decide(undefined, labeled(labels[0]!), cfg, NOW);
        let incident = first.incident;
        let triggered = pagerDuty(notifications(first.actions)).includes("trigger");
        sequence.forEach((step, index) => {
          minute += step.minutes;
          const event = step.what === "tick" ? tick(labels) : command(step.what, index + 1, labels);
          const decision = decide(incident, event, cfg, at(minute));
          incident = decision.incident;
          if (step.what.startsWith("/sev ")) labels = [`severity::${incident!.severity}`];
          for (const notification of notifications(decision.actions)) {
            const isTrigger = notification.kind === "declare" || notification.kind === "escalate";
            if (isTrigger && notification.targets.page) triggered = true;
            if (notification.kind === "acknowledge" || notification.kind === "resolve")
              expect(notification.targets.page).toBe(triggered);
          }
          expect(incident!.paged).toBe(triggered);
        });
      }),
      { numRuns: 400 },
    );
  });
});
