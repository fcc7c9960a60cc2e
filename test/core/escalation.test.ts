import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { Incident } from "../../src/core/model.js";
import { parseConfig } from "../../src/config/load.js";
import {
  config,
  human,
  labeled,
  NOW,
  ref,
  said,
  schedulerTick,
  withSev1Policy,
} from "../helpers/builders.js";

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const tick = schedulerTick();
const command = (body: string, id: number) => said(body, { login: human.login, id });

function pages(actions: Action[]): string[] {
  return actions
    .filter((action) => action.kind === "notify")
    .map((action) => (action as Extract<Action, { kind: "notify" }>).notification.kind);
}

/** Runs ticks every minute from `from` to `to` and collects what was sent. */
function tickThrough(incident: Incident, from: number, to: number, cfg = config()) {
  let current = incident;
  const sent: Array<{ minute: number; kinds: string[] }> = [];
  for (let minute = from; minute <= to; minute++) {
    const decision = decide(current, tick, cfg, at(minute));
    current = decision.incident!;
    const kinds = pages(decision.actions);
    if (kinds.length > 0) sent.push({ minute, kinds });
  }
  return { incident: current, sent };
}

function declared(label = "severity::1"): { incident: Incident; actions: Action[] } {
  const decision = decide(undefined, labeled(label), config(), NOW);
  return { incident: { ...decision.incident!, log: ref(100) }, actions: decision.actions };
}

describe("escalation until acknowledged", () => {
  it("a Sev-1 pages at declaration, then every 5 minutes", () => {
    const { incident, actions } = declared();
    expect(pages(actions)).toEqual(["declare"]);
    const { sent } = tickThrough(incident, 1, 16);
    expect(sent).toEqual([
      { minute: 5, kinds: ["escalate"] },
      { minute: 10, kinds: ["escalate"] },
      { minute: 15, kinds: ["escalate"] },
    ]);
  });

  it("acknowledging stops it and tells PagerDuty", () => {
    const { incident } = declared();
    const acked = decide(incident, command("/ack", 1), config(), at(7));
    expect(pages(acked.actions)).toEqual(["acknowledge"]);
    const escalations = tickThrough(acked.incident!, 8, 40).sent.filter((entry) =>
      entry.kinds.some((kind) => kind === "declare" || kind === "escalate"),
    );
    expect(escalations).toEqual([]);
  });

  it("resolving stops it", () => {
    const { incident } = declared();
    const resolved = decide(
      incident,
      command("/resolve root cause: bad deploy", 2),
      config(),
      at(3),
    ).incident!;
    expect(tickThrough(resolved, 4, 40).sent).toEqual([]);
  });

  it("reopening restarts it", () => {
    const { incident } = declared();
    const resolved = decide(
      incident,
      command("/resolve root cause: x", 3),
      config(),
      at(3),
    ).incident!;
    const reopened = decide(resolved, command("/reopen", 4), config(), at(20)).incident!;
    // The first step goes out on the next tick, then the repeats count from the reopen.
    expect(tickThrough(reopened, 21, 31).sent).toEqual([
      { minute: 21, kinds: ["declare"] },
      { minute: 25, kinds: ["escalate"] },
      { minute: 30, kinds: ["escalate"] },
    ]);
  });

  it("a raise from Sev-2 restarts it under the Sev-1 policy", () => {
    const { incident } = declared("severity::2");
    const raised = decide(
      incident,
      labeled("severity::1", ["severity::2", "severity::1"]),
      config(),
      at(4),
    );
    expect(raised.incident!.escalationStartedAt).toBe(at(4).toISOString());
    // Sev-1's first step goes out with the raise (paging), the repeats follow from minute 4.
    expect(pages(raised.actions)).toEqual(["escalate"]);
    expect(tickThrough(raised.incident!, 4, 10).sent.map((entry) => entry.minute)).toEqual([9]);
  });

  it("the declaration's notification says the incident was declared, without repeating the title", () => {
    const { actions } = declared();
    const notice = actions.find((action) => action.kind === "notify") as Extract<
      Action,
      { kind: "notify" }
    >;
    expect(notice.notification.title).toBe("Checkout returns 500 for every card payment");
    expect(notice.notification.text).toBe(
      "Sev-1 incident declared by dana. Reply /ack on the issue to take it.",
    );
  });

  it("a first step that waits still announces the declaration", () => {
    const base = config();
    const cfg = withSev1Policy({ steps: [{ ...base.escalation.policies[1].steps[0]!, after: 5 }] });
    const incident = {
      ...decide(undefined, labeled("severity::1"), cfg, NOW).incident!,
      log: ref(100),
    };
    const first = decide(incident, tick, cfg, at(5)).actions.find(
      (action) => action.kind === "notify",
    ) as Extract<Action, { kind: "notify" }>;
    expect(first.notification).toMatchObject({
      kind: "declare",
      text: "Sev-1 incident declared by dana, not acknowledged after 5 min. Reply /ack on the issue to take it.",
    });
  });

  it("an escalation's text does not repeat the title the notifiers already show", () => {
    const { incident } = declared();
    const { notification } = decide(incident, tick, config(), at(5)).actions.find(
      (action) => action.kind === "notify",
    ) as Extract<Action, { kind: "notify" }>;
    expect(notification.text).toBe("Sev-1 not acknowledged after 5 min. Reply /ack on the issue.");
  });

  it("never stops silently: past maxRepeats the rotation's fallback, then everyone, ever slower", () => {
    const { config: cfg } = parseConfig(
      { rotations: [{ name: "sre", members: ["ana"], startDate: "2026-11-16", fallback: "sam" }] },
      "t",
    );
    const incident = {
      ...decide(undefined, labeled("severity::1"), cfg, NOW).incident!,
      log: ref(100),
    };
    let current: Incident = incident;
    const seen: Array<{ minute: number; comment: string; text: string; channels: string[] }> = [];
    for (let minute = 1; minute <= 320; minute++) {
      const decision = decide(current, tick, cfg, at(minute));
      current = decision.incident!;
      const notice = decision.actions.find((action) => action.kind === "notify") as
        Extract<Action, { kind: "notify" }> | undefined;
      const comment = decision.actions.find((action) => action.kind === "comment") as
        { body: string } | undefined;
      if (notice)
        seen.push({
          minute,
          comment: comment?.body ?? "",
          text: notice.notification.text,
          channels: notice.notification.targets.channels,
        });
    }
    expect(seen.map((entry) => entry.minute)).toEqual([
      5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 70, 90, 130, 190, 250, 310,
    ]);
    const [fallback, everyone] = [seen[12]!, seen[13]!];
    expect(fallback.comment).toMatch(
      /^🔔 Escalation \(fallback\): @sam @ana, this Sev-1 is still not acknowledged after 1 h 10 min\. The repeats are used up: escalating to the rotation's fallback\. Reply `\/ack`\. Next reminder in 20 min/,
    );
    expect(fallback.text).toMatch(/escalating to the rotation's fallback/);
    expect(everyone.comment).toMatch(/@sam @ana, .*escalating to everyone in #tech-incidents/);
    expect(everyone.channels).toEqual(["#tech-incidents"]);
    expect(seen.at(-1)!.text).toMatch(/after 5 h 10 min.*Next reminder in 60 min/);
  });

  it("without a fallback, past the repeats it goes to everyone in the first step's channels", () => {
    const { incident } = declared();
    const { sent } = tickThrough(incident, 1, 70);
    expect(sent.filter((entry) => entry.minute > 60)).toEqual([
      { minute: 70, kinds: ["escalate"] },
    ]);
    const decision = decide(tickThrough(incident, 1, 69).incident, tick, config(), at(70));
    const comment = decision.actions.find((action) => action.kind === "comment") as {
      body: string;
    };
    expect(comment.body).toMatch(
      /^🔔 Escalation \(everyone\): .*escalating to everyone in #tech-incidents/,
    );
  });

  it("the everyone level addresses the whole channel even when the policy's steps do not", () => {
    const base = config();
    const quiet = { ...base.escalation.policies[1].steps[0]!.notify, everyone: false };
    const cfg = withSev1Policy({
      steps: [{ after: 0, notify: quiet }],
      repeatEvery: 5,
      maxRepeats: 1,
    });
    const incident = {
      ...decide(undefined, labeled("severity::1"), cfg, NOW).incident!,
      log: ref(100),
    };
    const targets = (minute: number, current: Incident) =>
      (
        decide(current, tick, cfg, at(minute)).actions.find(
          (action) => action.kind === "notify",
        ) as Extract<Action, { kind: "notify" }>
      ).notification.targets;
    expect(targets(5, incident).everyone).toBeUndefined();
    const afterRepeat = decide(incident, tick, cfg, at(5)).incident!;
    expect(targets(15, afterRepeat)).toMatchObject({
      channels: ["#tech-incidents"],
      everyone: true,
    });
  });

  it("after a long outage the one catch-up escalation states the real time since declaration", () => {
    const { incident } = declared();
    const late = decide(incident, tick, config(), at(180));
    const notices = late.actions.filter((action) => action.kind === "notify") as Array<
      Extract<Action, { kind: "notify" }>
    >;
    expect(notices).toHaveLength(1);
    expect(notices[0]!.notification.text).toMatch(/not acknowledged after 3 h 00 min/);
    expect(decide(late.incident, tick, config(), at(181)).actions).toEqual([]);
  });

  it("after downtime, missed repeats collapse into one page; nothing fires twice", () => {
    const { incident } = declared();
    const late = decide(incident, tick, config(), at(23));
    expect(pages(late.actions)).toEqual(["escalate"]);
    expect(pages(decide(late.incident, tick, config(), at(23)).actions)).toEqual([]);
    expect(pages(decide(late.incident, tick, config(), at(25)).actions)).toEqual(["escalate"]);
  });

  it("Sev-3 and Sev-4 never page", () => {
    const cfg = config({ severity: { ...config().severity, incidents: [1, 2, 3] } });
    const sev3 = decide(undefined, labeled("severity::3"), cfg, NOW);
    expect(pages(sev3.actions)).toEqual([]);
    expect(tickThrough({ ...sev3.incident!, log: ref(100) }, 1, 60, cfg).sent).toEqual([]);
  });

  it("escalation comments mention the escalation contacts and the on-call", () => {
    const cfg = withSev1Policy(
      {
        steps: [
          {
            after: 0,
            notify: {
              channels: [],
              everyone: false,
              users: ["boss"],
              emails: [],
              oncall: true,
              page: true,
            },
          },
        ],
        repeatEvery: 5,
        maxRepeats: 3,
      },
      config({ oncall: ["lee"] }),
    );
    const incident = {
      ...decide(undefined, labeled("severity::1"), cfg, NOW).incident!,
      log: ref(100),
    };
    const repeat = decide(incident, tick, cfg, at(5));
    const comment = repeat.actions.find((action) => action.kind === "comment") as { body: string };
    expect(comment.body).toMatch(/@boss @lee, this Sev-1 is not acknowledged after 5 min/);
  });

  it("a late tick still names the step's own delay, so a retried step says the same thing", () => {
    const cfg = config({ oncall: ["lee"] });
    const incident = {
      ...decide(undefined, labeled("severity::1"), cfg, NOW).incident!,
      log: ref(100),
    };
    const afterStep = tickThrough(incident, 0, 0, cfg).incident;
    const late = decide(afterStep, tick, cfg, new Date(at(5).getTime() + 90_000));
    const comment = late.actions.find((action) => action.kind === "comment") as { body: string };
    expect(comment.body).toMatch(/repeat 1\): .* after 5 min/);
  });
});

describe("status-update cadence", () => {
  it("is not asked for before anyone acknowledged (escalation runs then)", () => {
    const { incident } = declared();
    const comments = tickThrough(incident, 1, 12).incident;
    expect(
      decide(comments, tick, config(), at(12)).actions.some(
        (action) => action.kind === "comment" && action.key.startsWith("status-reminder"),
      ),
    ).toBe(false);
  });

  it("resolving clears the overdue label", () => {
    const { incident } = declared();
    const acked = decide(incident, command("/ack", 9), config(), at(1)).incident!;
    const overdue = decide(acked, tick, config(), at(12)).incident!;
    const resolved = decide(overdue, command("/resolve root cause: x", 10), config(), at(13));
    expect(resolved.actions).toContainEqual(
      expect.objectContaining({ kind: "remove-labels", labels: ["incident::update-overdue"] }),
    );
    expect(resolved.incident!.statusOverdue).toBe(false);
  });

  it("reminds the lead when an update is overdue, labels it, and clears on /status", () => {
    const { incident } = declared();
    const acked = decide(incident, command("/ack", 5), config(), at(2)).incident!;
    expect(
      decide(acked, tick, config(), at(11)).actions.filter((action) => action.kind === "comment"),
    ).toEqual([]);
    const overdue = decide(acked, tick, config(), at(12));
    expect(overdue.actions.map((action) => action.kind)).toEqual(["comment", "add-labels"]);
    expect((overdue.actions[0] as { body: string }).body).toMatch(/@dana, post one/);
    expect(decide(overdue.incident, tick, config(), at(13)).actions).toEqual([]);
    const updated = decide(
      overdue.incident,
      command("/status still rolling back", 6),
      config(),
      at(14),
    );
    expect(updated.actions).toContainEqual(
      expect.objectContaining({ kind: "remove-labels", labels: ["incident::update-overdue"] }),
    );
    expect(decide(updated.incident, tick, config(), at(23)).actions).toEqual([]);
    expect(
      decide(updated.incident, tick, config(), at(24)).actions.map((action) => action.kind),
    ).toEqual(["comment", "add-labels"]);
  });
});

describe("status reminders while an update stays overdue", () => {
  const acked = () => decide(declared().incident, command("/ack", 40), config(), at(2)).incident!;

  it("remind on every missed cadence; from the second miss the incident's channel is told", () => {
    let incident = acked();
    const seen: Array<{ minute: number; kinds: string[]; channels?: string[] }> = [];
    for (let minute = 3; minute <= 45; minute++) {
      const decision = decide(incident, tick, config(), at(minute));
      incident = decision.incident!;
      if (decision.actions.length === 0) continue;
      const notice = decision.actions.find((action) => action.kind === "notify") as
        Extract<Action, { kind: "notify" }> | undefined;
      seen.push({
        minute,
        kinds: decision.actions.map((action) => action.kind),
        ...(notice ? { channels: notice.notification.targets.channels } : {}),
      });
    }
    expect(seen).toEqual([
      { minute: 12, kinds: ["comment", "add-labels"] },
      { minute: 22, kinds: ["comment", "notify"], channels: ["#tech-incidents"] },
      { minute: 32, kinds: ["comment", "notify"], channels: ["#tech-incidents"] },
      { minute: 42, kinds: ["comment", "notify"], channels: ["#tech-incidents"] },
    ]);
  });

  it("after downtime the missed reminders collapse into one, naming the real silence", () => {
    const late = decide(acked(), tick, config(), at(45));
    const comments = late.actions.filter((action) => action.kind === "comment") as Array<{
      body: string;
    }>;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/none for 43 min .*reminder 4/);
    expect(decide(late.incident, tick, config(), at(46)).actions).toEqual([]);
  });

  it("a drill's reminders stay on the issue", () => {
    const drill = { ...acked(), drill: true };
    expect(
      decide(drill, tick, config(), at(22)).actions.some((action) => action.kind === "notify"),
    ).toBe(false);
  });
});

describe("hand-over timeout", () => {
  it("escalates back to the outgoing lead when the hand-over is not accepted", () => {
    const { incident } = declared();
    const acked = decide(incident, command("/ack\n/status ok", 7), config(), at(1)).incident!;
    const offered = decide(acked, command("/handoff @sam", 8), config(), at(5)).incident!;
    const expired = decide(offered, tick, config(), at(20));
    expect(expired.incident!.pendingHandoff).toBeUndefined();
    expect(
      expired.actions.some(
        (action) =>
          action.kind === "comment" &&
          /Hand-over to sam not accepted[\s\S]*@dana/.test(action.body),
      ),
    ).toBe(true);
  });
});
