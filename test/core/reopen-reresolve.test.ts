import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import { computeReport } from "../../src/core/metrics.js";
import type { Incident } from "../../src/core/model.js";
import { renderLogIssueBody } from "../../src/core/render/log-issue.js";
import { config, issue, labeled, NOW, ref, said, schedulerTick } from "../helpers/builders.js";

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const say = (body: string, login = "lee") => said(body, { login });

const tick = schedulerTick();
const closed: DomainEvent = {
  kind: "issue-closed",
  issue: issue(),
  actor: { login: "lee", isBot: false },
};

function declared(): Incident {
  return { ...decide(undefined, labeled("severity::1"), config(), NOW).incident!, log: ref(100) };
}

/** Plays events in order, each at its minute; returns the last decision and the incident. */
function play(incident: Incident, steps: Array<[number, DomainEvent]>) {
  let current = incident;
  let actions: Action[] = [];
  for (const [minute, event] of steps) {
    const decision = decide(current, event, config(), at(minute));
    current = decision.incident!;
    actions = decision.actions;
  }
  return { incident: current, actions };
}

/** What the executor records once the follow-up and post-mortem it was asked for exist. */
const withIssuesOpened = (incident: Incident): Incident => ({
  ...incident,
  links: { ...incident.links, followUp: ref(8), postMortem: ref(9) },
});

const reminders = (actions: Action[]) =>
  actions.filter((action) => action.key.startsWith("status-reminder") && action.kind === "comment");

describe("the status-update cadence restarts on reopen, acknowledgement and change of lead", () => {
  it("a reopened incident acknowledged again is not nagged at once, but a full cadence later", () => {
    const { incident: reopened } = play(declared(), [
      [1, say("/ack")],
      [5, say("/status rolling back")],
      [10, say("/resolve root cause: bad deploy")],
      [100, say("/reopen")],
      [101, say("/ack", "kim")],
    ]);
    expect(reminders(decide(reopened, tick, config(), at(102)).actions)).toEqual([]);
    expect(reminders(decide(reopened, tick, config(), at(110)).actions)).toEqual([]);
    expect(reminders(decide(reopened, tick, config(), at(111)).actions)).toHaveLength(1);
  });

  it.each([
    ["an accepted hand-over", [say("/handoff @sam"), say("/ack", "sam")], "sam"],
    ["/lead", [say("/lead @kim"), say("/lead @kim")], "kim"],
  ])("%s gives the new lead a full cadence", (_name, [offer, accept], lead) => {
    const { incident } = play(declared(), [
      [0, say("/ack\n/status investigating")],
      [8, offer!],
      [9, accept!],
    ]);
    expect(incident.lead).toBe(lead);
    expect(reminders(decide(incident, tick, config(), at(11)).actions)).toEqual([]);
    const due = decide(incident, tick, config(), at(19)).actions;
    expect(reminders(due)).toHaveLength(1);
    expect((reminders(due)[0] as { body: string }).body).toContain(`@${lead}`);
  });

  it("mitigated without an /ack first: the cadence starts at the mitigation", () => {
    const { incident } = play(declared(), [[40, say("/mitigated rolled back")]]);
    expect(reminders(decide(incident, tick, config(), at(41)).actions)).toEqual([]);
    expect(reminders(decide(incident, tick, config(), at(50)).actions)).toHaveLength(1);
  });

  it("a change of lead while an update is overdue clears the overdue label", () => {
    const { incident: overdue } = play(declared(), [
      [0, say("/ack")],
      [10, tick],
    ]);
    expect(overdue.statusOverdue).toBe(true);
    const handed = decide(overdue, say("/lead @kim"), config(), at(13));
    expect(handed.actions).toContainEqual(
      expect.objectContaining({ kind: "remove-labels", labels: ["incident::update-overdue"] }),
    );
    expect(handed.incident!.statusOverdue).toBe(false);
    expect(reminders(decide(handed.incident, tick, config(), at(22)).actions)).toEqual([]);
    expect(reminders(decide(handed.incident, tick, config(), at(23)).actions)).toHaveLength(1);
  });
});

describe("re-resolving after a reopen", () => {
  function resolvedTwice(second: string) {
    const first = play(declared(), [
      [4, say("/ack")],
      [30, say("/resolve rolled back; root cause unknown")],
    ]);
    return play(withIssuesOpened(first.incident), [
      [60, say("/reopen")],
      [70, say("/ack", "kim")],
      [90, say(second)],
    ]);
  }

  it("keeps the first acknowledgement for the log, the post-mortem and `sevbot report`", () => {
    const { incident } = resolvedTwice("/resolve root cause: a bad config push");
    expect(incident.acknowledgedAt).toBe(at(4).toISOString());
    expect(incident.acknowledgedBy).toBe("lee");
    expect(renderLogIssueBody(incident, "acme/shop")).toMatch(
      /time to acknowledge\) \| 2026-11-22 14:04 UTC \(after 4 min\)/,
    );
    const report = computeReport(
      [{ incident, postMortemDone: false }],
      "2026-11-01T00:00:00Z",
      "2026-12-01T00:00:00Z",
      { 1: 10, 2: 30, 3: 0, 4: 0 },
      [1, 2],
    );
    expect(report.bySeverity[0]!.meanTimeToAcknowledge).toBe(4);
    expect(report.bySeverity[0]!.meanTimeToResolve).toBe(90);
  });

  it("a second /ack after the re-acknowledgement names who acknowledged last", () => {
    const first = play(declared(), [
      [4, say("/ack")],
      [30, say("/resolve root cause unknown")],
      [60, say("/reopen")],
      [70, say("/ack", "kim")],
    ]);
    const again = decide(first.incident, say("/ack", "ana"), config(), at(71));
    expect((again.actions[0] as { body: string }).body).toBe(
      "Already acknowledged by kim at 2026-11-22 15:10 UTC; the incident is acknowledged.",
    );
  });

  it("a stated root cause closes the follow-up the first resolution opened, and says so", () => {
    const { incident, actions } = resolvedTwice("/resolve root cause: a bad config push");
    expect(incident.rootCause).toEqual({ known: true, text: "a bad config push" });
    expect(actions).toContainEqual(
      expect.objectContaining({
        kind: "comment",
        issue: ref(8),
        body: expect.stringContaining("a bad config push"),
      }),
    );
    expect(actions).toContainEqual(expect.objectContaining({ kind: "close-issue", issue: ref(8) }));
    expect(actions.some((action) => action.kind === "create-issue")).toBe(false);
    expect(incident.timeline.map((entry) => entry.text)).toContain(
      "Follow-up acme/shop#8 closed: the root cause is known",
    );
  });

  it("the post-mortem gets the new root cause and durations", () => {
    const { incident, actions } = resolvedTwice("/resolve root cause: a bad config push");
    const refresh = actions.find((action) => action.kind === "refresh-issue") as Extract<
      Action,
      { kind: "refresh-issue" }
    >;
    expect(refresh.linkAs).toBe("postMortem");
    expect(refresh.body).toMatch(/## Root cause\na bad config push/);
    expect(refresh.body).toMatch(
      /Time to acknowledge \| 4 min[\s\S]*Time to resolve \| 1 h 30 min/,
    );
    expect(refresh.body).not.toContain("Not identified yet");
    expect(refresh.comment).toMatch(/Root cause:\*\* a bad config push[\s\S]*1 h 30 min/);
    expect(incident.timeline.map((entry) => entry.text)).toContain(
      "Post-mortem acme/shop#9 updated: root cause and durations",
    );
  });

  it("without a root cause the follow-up stays open and no second one is opened", () => {
    const { actions } = resolvedTwice("/resolve rolled back again");
    expect(actions.some((action) => action.kind === "close-issue")).toBe(false);
    expect(actions.some((action) => action.kind === "create-issue")).toBe(false);
    expect(actions.some((action) => action.kind === "refresh-issue")).toBe(true);
  });
});

describe("closing the issue without /resolve, then /resolve root cause: …", () => {
  const closedWithout = () =>
    withIssuesOpened(
      play(declared(), [
        [4, say("/ack")],
        [30, closed],
      ]).incident,
    );

  it("the announcement's advice works: the root cause is recorded and the follow-up closed", () => {
    const { incident, actions } = play(closedWithout(), [
      [50, say("/resolve root cause: expired TLS certificate")],
    ]);
    expect(incident.status).toBe("resolved");
    expect(incident.resolvedAt).toBe(at(30).toISOString());
    expect(incident.rootCause).toEqual({ known: true, text: "expired TLS certificate" });
    const replies = actions.filter((action) => action.kind === "comment") as Array<{
      body: string;
      issue: unknown;
    }>;
    expect(replies.map((reply) => reply.body).join("\n")).not.toMatch(/already resolved/);
    expect(replies.find((reply) => reply.body.startsWith("📝"))?.body).toMatch(
      /Recorded: root cause: expired TLS certificate\. Follow-up acme\/shop#8 closed/,
    );
    expect(actions).toContainEqual(expect.objectContaining({ kind: "close-issue", issue: ref(8) }));
    expect(actions).toContainEqual(expect.objectContaining({ kind: "refresh-issue" }));
    expect(renderLogIssueBody(incident, "acme/shop")).toMatch(
      /Root cause \| expired TLS certificate/,
    );
  });

  it("a bare /resolve on a resolved incident says how to record the root cause", () => {
    const { incident, actions } = play(closedWithout(), [[50, say("/resolve")]]);
    expect(incident.rootCause).toEqual({ known: false });
    expect((actions[0] as { body: string }).body).toMatch(/`\/resolve root cause: <what it was>`/);
  });
});

describe("/resolve grammar", () => {
  it("free text is the resolution summary, kept in the log; the root cause stays unknown", () => {
    const { incident, actions } = play(declared(), [[20, say("/resolve rolled back the deploy")]]);
    expect(incident.rootCause).toEqual({ known: false });
    expect(incident.resolutionSummary).toBe("rolled back the deploy");
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: "create-issue", linkAs: "followUp" }),
    );
    const log = renderLogIssueBody(incident, "acme/shop");
    expect(log).toMatch(/Resolution \| rolled back the deploy/);
    expect(log).toMatch(/Root cause \| unknown/);
    const announcement = actions.find(
      (action) => action.kind === "comment" && action.key.startsWith("resolved-"),
    ) as { body: string };
    expect(announcement.body).toMatch(/Resolution:\*\* rolled back the deploy/);
    expect(announcement.body).toMatch(/Root cause:\*\* not identified yet/);
  });

  it("`root cause:` with nothing after it is no root cause, and the reply says how to state one", () => {
    const { incident, actions } = play(declared(), [[20, say("/resolve root cause:")]]);
    expect(incident.status).toBe("resolved");
    expect(incident.rootCause).toEqual({ known: false });
    expect(
      actions.some(
        (action) =>
          action.kind === "comment" && action.body.includes("`/resolve root cause: <what it was>`"),
      ),
    ).toBe(true);
  });

  it("summary and root cause together", () => {
    const { incident } = play(declared(), [
      [20, say("/resolve rolled back the deploy\nroot cause: a bad config push")],
    ]);
    expect(incident).toMatchObject({
      resolutionSummary: "rolled back the deploy",
      rootCause: { known: true, text: "a bad config push" },
    });
  });
});

describe("/timeline with a time that is no time", () => {
  it("`/timeline 25:99 …` is refused with the accepted format, and nothing is added", () => {
    const before = declared();
    const { incident, actions } = decide(
      before,
      say("/timeline 25:99 DB failover"),
      config(),
      at(5),
    );
    expect(incident!.timeline).toEqual(before.timeline);
    expect((actions[0] as { body: string }).body).toMatch(
      /Not recorded: `25:99` is not a time\. Usage: `\/timeline \[HH:MM\] <what happened>` \(UTC, 00:00 to 23:59/,
    );
  });
});
