import { describe, expect, it } from "vitest";
import { LOG_LINK, type Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Incident } from "../../src/core/model.js";
import { bot, config, human, issue, labeled, NOW, ref } from "../helpers/builders.js";

function declared(overrides: Partial<Incident> = {}): Incident {
  const first = decide(undefined, labeled("severity::1"), config(), NOW).incident!;
  return { ...first, log: ref(100), ...overrides };
}

function kinds(actions: Action[]): string[] {
  return actions.map((action) => `${action.kind}:${action.key}`);
}

describe("declaration", () => {
  it("a Sev-1 label declares an incident: log issue, checklist, status label, then the similar search", () => {
    const { incident, actions } = decide(undefined, labeled("severity::1"), config(), NOW);
    expect(incident).toMatchObject({
      severity: 1,
      status: "declared",
      declaredAt: NOW.toISOString(),
      declaredBy: "dana",
    });
    expect(kinds(actions)).toEqual([
      "create-log-issue:log",
      "comment:checklist",
      "add-labels:status",
      `notify:esc-${NOW.getTime() / 60_000}-s0`,
      "war-room:war-room",
      "similar:similar",
    ]);
    expect(actions[5]).toMatchObject({ issue: ref(), repo: "acme/shop", sayWhenNone: false });
    expect(actions[4]).toMatchObject({
      name: "2026-11-22-war-room-checkout-returns-500-for-every-card-payment",
    });
    expect(actions[3]).toMatchObject({
      notification: {
        kind: "declare",
        severity: 1,
        targets: { channels: ["#tech-incidents"], page: true },
      },
    });
    const log = actions[0] as Extract<Action, { kind: "create-log-issue" }>;
    expect(log.title).toBe("[SEV-1] Checkout returns 500 for every card payment");
    expect(log.repo).toBe("acme/shop");
    expect(log.labels).toEqual(["incident-log"]);
  });

  it("the checklist links the log and summarises the reproduction steps", () => {
    const { actions } = decide(undefined, labeled("severity::1"), config(), NOW);
    const checklist = actions.find((action) => action.key === "checklist") as Extract<
      Action,
      { kind: "comment" }
    >;
    expect(checklist.body).toContain(LOG_LINK);
    expect(checklist.body).toContain("curl -X POST https://shop.example/api/checkout");
    expect(checklist.body).toContain("ERROR payment gateway timeout");
    expect(checklist.body).toContain("https://img.example/500.png");
    expect(checklist.body).toMatch(/staging/);
  });

  it("an issue opened with a Sev-2 label declares too", () => {
    const event: DomainEvent = {
      kind: "issue-opened",
      issue: issue({ labels: ["bug", "severity::2"] }),
      actor: human,
    };
    expect(decide(undefined, event, config(), NOW).incident?.severity).toBe(2);
  });

  it("mentions component owners, falling back when the component has none", () => {
    const cfg = config({
      components: {
        labelPrefix: "component::",
        owners: { api: ["alice", "org/api-team"] },
        fallbackOwners: ["sre-lead"],
        rotations: {},
      },
      oncall: ["pager-person"],
    });
    const withComponent = decide(
      undefined,
      labeled("severity::1", ["severity::1", "component::api"]),
      cfg,
      NOW,
    ).actions;
    const body = (withComponent[1] as { body: string }).body;
    expect(body).toContain("@alice @org/api-team");
    expect(body).toContain("@pager-person");
    expect(body).not.toContain("@sre-lead");
    const without = (
      decide(undefined, labeled("severity::1"), cfg, NOW).actions[1] as { body: string }
    ).body;
    expect(without).toContain("@sre-lead");
  });

  it("says in the checklist of a component label the config does not know, with the one meant", () => {
    const cfg = config({
      components: {
        labelPrefix: "component::",
        owners: { payments: ["alice"] },
        fallbackOwners: ["sre-lead"],
        rotations: { checkout: "emea" },
      },
    });
    const checklist = (labels: string[], settings = cfg) =>
      (
        decide(undefined, labeled("severity::1", ["severity::1", ...labels]), settings, NOW)
          .actions[1] as { body: string }
      ).body;
    const typo = checklist(["component::paymnets"]);
    expect(typo).toContain(
      "⚠️ `component::paymnets` is not among the components in the sevbot config, " +
        "so nobody was pinged as its owner. Did you mean `component::payments`?",
    );
    expect(typo).toContain("@sre-lead");
    expect(checklist(["component::search"])).toMatch(
      /`component::search` is not among .*owner\.$/m,
    );
    for (const known of ["component::payments", "component::checkout"])
      expect(checklist([known])).not.toContain("⚠️");
    // A team that configured no components uses the labels for triage only: nothing to say.
    expect(checklist(["component::paymnets"], config())).not.toContain("⚠️");
  });

  it("removes other severity labels so one remains", () => {
    const { actions } = decide(
      undefined,
      labeled("severity::1", ["severity::2", "severity::1"]),
      config(),
      NOW,
    );
    expect(actions).toContainEqual({
      kind: "remove-labels",
      key: "severity-labels-1",
      issue: ref(),
      labels: ["severity::2"],
    });
  });

  it.each([3, 4])("Sev-%i gets a short triage note and no incident", (severity) => {
    const { incident, actions } = decide(
      undefined,
      labeled(`severity::${severity}`),
      config(),
      NOW,
    );
    expect(incident).toBeUndefined();
    expect(kinds(actions)).toEqual([`comment:triage-${severity}`]);
    expect((actions[0] as { body: string }).body).toMatch(/bug triage/);
  });

  it("configured incident severities decide what is declared", () => {
    const cfg = config({ severity: { ...config().severity, incidents: [1, 2, 3] } });
    expect(decide(undefined, labeled("severity::3"), cfg, NOW).incident?.severity).toBe(3);
  });

  it("other spellings count only when configured", () => {
    // Not configured: no incident, only the reply that names the label that would declare one.
    const unconfigured = decide(undefined, labeled("SEV-1"), config(), NOW);
    expect(unconfigured.incident).toBeUndefined();
    expect(unconfigured.actions.map((action) => action.key)).toEqual(["severity-near-miss-sev1"]);
    const cfg = config({
      severity: { ...config().severity, labels: ["severity::N", "SEV-N", "PN"] },
    });
    expect(decide(undefined, labeled("SEV-1"), cfg, NOW).incident?.severity).toBe(1);
    expect(decide(undefined, labeled("p2"), cfg, NOW).incident?.severity).toBe(2);
  });

  it("a confidential incident logged elsewhere gets a codename, not its title", () => {
    const cfg = config({ tracker: { repository: "acme/incidents", logLabel: "incident-log" } });
    const event: DomainEvent = {
      kind: "issue-labeled",
      issue: issue({ labels: ["severity::1"], confidential: true }),
      actor: human,
      label: "severity::1",
    };
    const log = decide(undefined, event, cfg, NOW).actions[0] as Extract<
      Action,
      { kind: "create-log-issue" }
    >;
    expect(log.repo).toBe("acme/incidents");
    expect(log.title).toMatch(/^\[SEV-1\] Incident [a-z]+-[a-z]+$/);
  });
});

describe("what is ignored", () => {
  it.each<[string, DomainEvent]>([
    ["a bot's label", labeled("severity::1", ["severity::1"], bot)],
    [
      "a label on a log issue",
      {
        kind: "issue-labeled",
        issue: issue({
          labels: ["severity::1"],
          body: "x <!-- sevbot:log-for github:acme/shop#7 -->",
        }),
        actor: human,
        label: "severity::1",
      },
    ],
    ["a non-severity label", labeled("bug")],
    ["an unlabel", { kind: "issue-unlabeled", issue: issue(), actor: human, label: "severity::1" }],
  ])("%s", (_name, event) => {
    expect(decide(undefined, event, config(), NOW)).toEqual({ incident: undefined, actions: [] });
  });

  it("the same severity label added again changes nothing; it only ensures the checklist and the status label", () => {
    const incident = declared({ status: "acknowledged" });
    const decision = decide(incident, labeled("severity::1"), config(), NOW);
    expect(decision.incident).toEqual(incident);
    // Both are found again (the checklist by its marker, the label on the issue): nothing is written
    // when they are there, and a declaration that failed after opening its log gets them now.
    expect(decision.actions.map((action) => [action.kind, action.key])).toEqual([
      ["comment", "checklist"],
      ["add-labels", "status"],
    ]);
    const status = decision.actions[1] as Extract<Action, { kind: "add-labels" }>;
    expect(status.labels).toEqual(["incident::acknowledged"]);
  });
});

describe("severity changes", () => {
  it("raising Sev-2 → Sev-1 escalates with a comment and a timeline entry; the checklist is only ensured", () => {
    const incident = declared({ severity: 2 });
    const { incident: next, actions } = decide(
      incident,
      labeled("severity::1", ["severity::2", "severity::1"]),
      config({ oncall: ["oncall-1"] }),
      NOW,
    );
    expect(next?.severity).toBe(1);
    expect(next?.timeline.at(-1)?.text).toMatch(/raised.*Sev-2 → Sev-1/);
    // The new severity's first step goes out with the raise, under the new escalation's own key.
    // The checklist and status label under the declaration's keys: found, so never written twice.
    expect(kinds(actions)).toEqual([
      "comment:checklist",
      "add-labels:status",
      `comment:severity-${incident.timeline.length}`,
      "remove-labels:severity-labels-1",
      `notify:esc-${Math.floor(NOW.getTime() / 60_000)}-s0`,
    ]);
    expect((actions[2] as { body: string }).body).toContain("@oncall-1");
  });

  it("lowering notes it without pinging anyone", () => {
    const incident = declared();
    const { incident: next, actions } = decide(
      incident,
      labeled("severity::2", ["severity::1", "severity::2"]),
      config({ oncall: ["oncall-1"] }),
      NOW,
    );
    expect(next?.severity).toBe(2);
    expect(next?.timeline.at(-1)?.text).toMatch(/lowered/);
    const note = actions.find((action) => action.kind === "comment" && action.key !== "checklist");
    expect((note as { body: string }).body).not.toContain("@");
  });

  it("a resolved incident ignores severity labels", () => {
    const incident = declared({ status: "resolved", resolvedAt: NOW.toISOString() });
    expect(decide(incident, labeled("severity::2"), config(), NOW).actions).toEqual([]);
  });
});

describe("close and reopen", () => {
  const closed: DomainEvent = {
    kind: "issue-closed",
    issue: issue({ state: "closed" }),
    actor: human,
  };
  const reopened: DomainEvent = { kind: "issue-reopened", issue: issue(), actor: human };
  const later = new Date(NOW.getTime() + 95 * 60_000);

  it("closing without /resolve still resolves: follow-up, post-mortem, announcement asking for the root cause, labels", () => {
    const { incident, actions } = decide(declared(), closed, config(), later);
    expect(incident).toMatchObject({
      status: "resolved",
      resolvedAt: later.toISOString(),
      rootCause: { known: false },
    });
    expect(kinds(actions)).toEqual([
      "create-issue:follow-up-2",
      "create-issue:post-mortem-2",
      "comment:resolved-2",
      "notify:notify-resolve-2",
      "remove-labels:status-resolved-remove",
      "add-labels:status-resolved",
    ]);
    const announcement = actions.find((action) => action.key === "resolved-2") as { body: string };
    expect(announcement.body).toContain("1 h 35 min");
    expect(announcement.body).toMatch(/closed without `\/resolve`/);
  });

  it("reopening makes the incident active again with a timeline entry", () => {
    const resolved = decide(declared(), closed, config(), later).incident!;
    const { incident } = decide(resolved, reopened, config(), later);
    expect(incident?.status).toBe("declared");
    expect(incident?.timeline.at(-1)?.text).toMatch(/Reopened/);
  });

  it("closing an issue without an incident does nothing", () => {
    expect(decide(undefined, closed, config(), later).actions).toEqual([]);
  });
});
