import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { Incident } from "../../src/core/model.js";
import type { Notification } from "../../src/core/notification.js";
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
const cfg = config({ oncall: ["lee"] });
const notifications = (actions: Action[]): Notification[] =>
  actions.flatMap((action) => (action.kind === "notify" ? [action.notification] : []));
const ack = said("/ack", { login: human.login, id: 1, labels: ["severity::2"] });
const tick = schedulerTick(["severity::1"]);
const raise = labeled("severity::1", ["severity::2", "severity::1"]);
const lower = labeled("severity::2", ["severity::1", "severity::2"]);

function acknowledgedSev2(extra: Partial<Incident> = {}): Incident {
  const declared = decide(undefined, labeled("severity::2"), cfg, NOW).incident!;
  return { ...decide(declared, ack, cfg, at(2)).incident!, ...extra };
}

describe("a raise runs the new severity's first escalation step", () => {
  it("after acknowledgement: Sev-1's channels with @channel, the on-call and the pager, at once", () => {
    const raised = decide(acknowledgedSev2(), raise, cfg, at(10));
    const [sent, ...others] = notifications(raised.actions);
    expect(others).toEqual([]);
    expect(sent).toMatchObject({
      kind: "escalate",
      severity: 1,
      targets: {
        channels: ["#tech-incidents"],
        everyone: true,
        users: ["lee"],
        emails: [],
        page: true,
      },
    });
    expect(sent!.text).toMatch(
      /^Severity raised by dana \(Sev-2 → Sev-1\): .*Acknowledged by dana/,
    );
    expect(raised.incident).toMatchObject({ severity: 1, status: "acknowledged", paged: true });
    const comment = raised.actions.find(
      (action) => action.kind === "comment" && action.key.startsWith("severity-"),
    ) as {
      body: string;
    };
    expect(comment.body).toMatch(/Escalating to @lee\./);
    // Acknowledged: the step goes out once; the ticks after it page nobody (a missing status
    // update is only told to the channel).
    expect(
      notifications(decide(raised.incident, tick, cfg, at(30)).actions).filter(
        (sent) => sent.kind !== "status-reminder",
      ),
    ).toEqual([]);
  });

  it("while unacknowledged: the step is the new escalation's first, so the tick does not send it twice", () => {
    const declared = decide(undefined, labeled("severity::2"), cfg, NOW).incident!;
    const raised = decide(declared, raise, cfg, at(4));
    expect(notifications(raised.actions).map((sent) => sent.key)).toEqual([
      `esc-${Math.floor(at(4).getTime() / 60_000)}-s0`,
    ]);
    expect(notifications(decide(raised.incident, tick, cfg, at(4)).actions)).toEqual([]);
    // Sev-1 repeats every 5 minutes from the raise.
    expect(notifications(decide(raised.incident, tick, cfg, at(9)).actions)).toHaveLength(1);
  });

  it("a policy without steps sends nothing", () => {
    const quiet = withSev1Policy({ steps: [], repeatEvery: 0, maxRepeats: 0 }, cfg);
    const declared = decide(undefined, labeled("severity::2"), quiet, NOW).incident!;
    expect(notifications(decide(declared, raise, quiet, at(3)).actions)).toEqual([]);
  });
});

describe("the war room's topic follows the severity", () => {
  const room = { name: "2026-11-22-war-room-x", url: "https://slack.com/app_redirect?channel=C42" };

  it("a raise sets the room's topic to the new severity (through Slack's conversations.setTopic)", () => {
    const raised = decide(
      acknowledgedSev2({ warRoom: { ...room, id: "C42" } }),
      raise,
      cfg,
      at(10),
    );
    const topic = notifications(raised.actions).find((sent) => sent.kind === "war-room-topic");
    expect(topic).toMatchObject({
      targets: { channels: ["C42"], users: [], emails: [], page: false, onlyTargets: true },
    });
    expect(topic!.text).toMatch(/^Sev-1: Checkout returns 500/);
  });

  it("a room recorded before its id was kept is found by the link sevbot made; a lowering updates it too", () => {
    const raised = decide(
      { ...acknowledgedSev2({ warRoom: room }), severity: 1 },
      lower,
      cfg,
      at(10),
    );
    const topic = notifications(raised.actions).find((sent) => sent.kind === "war-room-topic");
    expect(topic?.targets.channels).toEqual(["C42"]);
    expect(topic!.text).toMatch(/^Sev-2: /);
  });

  it("no room, no topic change", () => {
    const raised = decide(acknowledgedSev2(), raise, cfg, at(10));
    expect(notifications(raised.actions).map((sent) => sent.kind)).toEqual(["escalate"]);
  });
});
