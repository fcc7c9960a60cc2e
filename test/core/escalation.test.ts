import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Incident } from "../../src/core/model.js";
import { config, human, issue, labeled, NOW, ref } from "../helpers/builders.js";

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const tick: DomainEvent = {
  kind: "tick",
  issue: issue(),
  actor: { login: "sevbot-scheduler", isBot: false },
};
const command = (body: string, id: number): DomainEvent => ({
  kind: "comment-created",
  issue: issue({ labels: ["severity::1"] }),
  actor: human,
  comment: { id, body, author: "dana", byBot: false },
  permission: "write",
});

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
    expect(tickThrough(acked.incident!, 8, 40).sent).toEqual([]);
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

  it("stops after the repeat limit", () => {
    const cfg = config();
    const { incident } = declared();
    const { sent } = tickThrough(incident, 1, 120, cfg);
    expect(sent).toHaveLength(cfg.escalation.policies[1].maxRepeats);
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
    const cfg = config({
      oncall: ["lee"],
      escalation: {
        ...config().escalation,
        policies: {
          ...config().escalation.policies,
          1: {
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
        },
      },
    });
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
