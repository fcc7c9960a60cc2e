import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent, IssueSnapshot } from "../../src/core/events.js";
import { sameIssue, type Incident } from "../../src/core/model.js";
import { renderChecklist } from "../../src/core/render/checklist.js";
import { issue, NOW, ref } from "../helpers/builders.js";

const PARTICIPANTS = ["ana", "ben"];

/** Everything that could reach outside a drill is configured, and aimed at people outside it. */
const { config, error } = parseConfig(
  {
    oncall: ["pager-human", "ana"],
    components: { owners: { db: ["db-owner", "ben"], web: ["web-owner"] } },
    mitigation: { notify: ["cto"] },
    security: { engage: ["sec-lead"] },
    resolution: { architectureMeetingIssue: "acme/architecture#1" },
    drills: { participants: PARTICIPANTS },
    notifications: { slackUsers: { ana: "U0000ANA", cto: "U0000CTO", "pager-human": "U0000PGR" } },
    rotations: [
      {
        name: "primary",
        members: ["rota-1", "rota-2"],
        workingHours: { start: "00:00", end: "00:01" },
      },
    ],
    escalation: {
      policies: {
        1: {
          steps: [
            {
              after: 0,
              notify: {
                channels: ["#tech-incidents"],
                everyone: true,
                users: ["cto"],
                emails: ["oncall@example.test"],
                oncall: true,
                page: true,
              },
            },
            { after: 3, notify: { channels: ["#leadership"], users: ["ana"], page: true } },
          ],
          repeatEvery: 5,
          maxRepeats: 3,
        },
        2: {
          steps: [{ after: 0, notify: { channels: ["#tech-incidents"], everyone: true } }],
          repeatEvery: 15,
          maxRepeats: 2,
        },
      },
    },
  },
  "drill test config",
);

const DRILL = ref(7, "acme/drills");
const drillIssue = (labels: string[], overrides: Partial<IssueSnapshot> = {}): IssueSnapshot =>
  issue({ ref: DRILL, labels: ["drill", "component::db", ...labels], ...overrides });

type Step =
  | { kind: "tick"; minutes: number }
  | { kind: "command"; as: string; body: string }
  | { kind: "label"; severity: 1 | 2 }
  | { kind: "component"; name: "web" | "cache" }
  | { kind: "close" }
  | { kind: "reopen" };

const commands = [
  "/ack",
  "/lead",
  "/lead @ben",
  "/handoff @ana",
  "/status rolling back",
  "/sev 1",
  "/sev 2",
  "/decide fail over to the replica",
  "/mitigated",
  "/resolve",
  "/resolve root cause: failover tested",
  "/reopen",
  "/timeline 10:00 paged the DBA",
];
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("tick" as const), minutes: fc.integer({ min: 0, max: 24 * 60 }) }),
  fc.record({
    kind: fc.constant("command" as const),
    as: fc.constantFrom(...PARTICIPANTS),
    body: fc.constantFrom(...commands),
  }),
  fc.record({
    kind: fc.constant("label" as const),
    severity: fc.constantFrom(1 as const, 2 as const),
  }),
  // Named later: `web`'s owner is outside the drill; `cache` is no configured component.
  fc.record({ kind: fc.constant("component" as const), name: fc.constantFrom("web", "cache") }),
  fc.record({ kind: fc.constant("close" as const) }),
  fc.record({ kind: fc.constant("reopen" as const) }),
);

function toEvent(step: Step, labels: string[], commentId: number): DomainEvent {
  const actor = { login: step.kind === "command" ? step.as : "ana", isBot: false };
  switch (step.kind) {
    case "tick":
      return { kind: "tick", issue: drillIssue(labels), actor };
    case "command":
      return {
        kind: "comment-created",
        issue: drillIssue(labels),
        actor,
        comment: { id: commentId, body: step.body, author: step.as, byBot: false },
        permission: "write",
      };
    case "label":
      return {
        kind: "issue-labeled",
        issue: drillIssue([...labels, `severity::${step.severity}`]),
        actor,
        label: `severity::${step.severity}`,
      };
    case "component":
      return {
        kind: "issue-labeled",
        issue: drillIssue([...labels, `component::${step.name}`]),
        actor,
        label: `component::${step.name}`,
      };
    case "close":
      return { kind: "issue-closed", issue: drillIssue(labels, { state: "closed" }), actor };
    case "reopen":
      return { kind: "issue-reopened", issue: drillIssue(labels), actor };
  }
}

/** Mentions that notify someone: `@name` not neutralized by sevbot's word joiner. */
function mentioned(text: string): string[] {
  return [...text.matchAll(/@([A-Za-z0-9][\w-]*(?:\.[\w-]+)*)/g)].map((match) =>
    match[1]!.toLowerCase(),
  );
}

/** Why an action of a drill would reach outside it, or undefined when it stays inside. */
function leak(action: Action): string | undefined {
  const outside = (people: string[]) =>
    people.filter((person) => !PARTICIPANTS.includes(person.toLowerCase()));
  switch (action.kind) {
    case "war-room":
      return "a war room was opened";
    case "notify": {
      const { notification } = action;
      const { targets } = notification;
      if (!notification.drill) return `notification ${action.key} does not say drill: true`;
      if (targets.page) return `notification ${action.key} pages`;
      if (targets.channels.length > 0) return `notification ${action.key} posts in a channel`;
      if (targets.emails.length > 0) return `notification ${action.key} e-mails`;
      if (targets.everyone) return `notification ${action.key} addresses @channel`;
      if (outside(targets.users).length > 0)
        return `notification ${action.key} messages ${outside(targets.users).join(", ")}`;
      return undefined;
    }
    case "comment":
      if (!sameIssue(action.issue, DRILL)) return `comment ${action.key} on another issue`;
      return outside(mentioned(action.body)).length > 0
        ? `comment ${action.key} mentions ${outside(mentioned(action.body)).join(", ")}`
        : undefined;
    case "create-issue":
    case "create-log-issue": {
      if (!action.labels.includes("drill")) return `${action.key} has no drill label`;
      const priority = action.labels.find((label) => /priority|severity/i.test(label));
      return priority ? `${action.key} carries ${priority}` : undefined;
    }
    default:
      return undefined;
  }
}

describe("a drill stays sealed, whatever its participants do (generated sequences)", () => {
  it("config is valid", () => expect(error).toBeUndefined());

  it("no action pages, posts in a channel, e-mails, mentions or writes outside the drill", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(["severity::1"], ["severity::2"], ["severity::1", "security"]),
        fc.array(step, { minLength: 1, maxLength: 25 }),
        (startLabels, steps) => {
          const labels = [...startLabels];
          let now = NOW.getTime();
          const opened: DomainEvent = {
            kind: "issue-labeled",
            issue: drillIssue(labels),
            actor: { login: "ben", isBot: false },
            label: startLabels[0]!,
          };
          const first = decide(undefined, opened, config, new Date(now));
          const actions: Action[] = [...first.actions];
          let incident: Incident | undefined = first.incident;
          expect(incident?.drill).toBe(true);
          steps.forEach((next, index) => {
            now += (next.kind === "tick" ? next.minutes : 1) * 60_000;
            const decision = decide(
              incident,
              toEvent(next, labels, index + 1),
              config,
              new Date(now),
            );
            incident = decision.incident;
            actions.push(...decision.actions);
          });
          const leaks = actions.map(leak).filter(Boolean);
          expect(leaks).toEqual([]);
          expect(incident?.paged).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("what a drill creates", () => {
  /** Ben declares a Sev-1 drill on the drill issue, labelled `labels`. */
  const declaredDrill = (labels = ["severity::1"]) =>
    decide(
      undefined,
      {
        kind: "issue-labeled",
        issue: drillIssue(labels),
        actor: { login: "ben", isBot: false },
        label: "severity::1",
      },
      config,
      NOW,
    );
  const resolvedDrill = () => {
    const declared = declaredDrill(["severity::1", "security"]);
    return decide(
      declared.incident,
      {
        kind: "comment-created",
        issue: drillIssue(["severity::1", "security"]),
        actor: { login: "ana", isBot: false },
        comment: { id: 9, body: "/resolve", author: "ana", byBot: false },
        permission: "write",
      },
      config,
      new Date(NOW.getTime() + 20 * 60_000),
    );
  };

  it("its log, follow-up, post-mortem and security release carry the drill label and no priority", () => {
    const { actions } = resolvedDrill();
    const declared = declaredDrill();
    const created = [...declared.actions, ...actions].flatMap((action) =>
      action.kind === "create-issue" || action.kind === "create-log-issue"
        ? [[action.key.replace(/-\d+$/, ""), action.labels] as const]
        : [],
    );
    expect(Object.fromEntries(created)).toEqual({
      log: ["incident-log", "drill"],
      "follow-up": ["incident-follow-up", "drill"],
      "post-mortem": ["post-mortem", "drill"],
      "security-release": ["security-release", "drill"],
    });
  });

  it("its architecture-meeting item stays on the drill's own issue, without a link to the real one", () => {
    const agenda = resolvedDrill().actions.filter(
      (action) => action.kind === "comment" && action.key.startsWith("agenda-"),
    ) as Array<Extract<Action, { kind: "comment" }>>;
    expect(agenda).toHaveLength(1);
    expect(agenda[0]!.issue).toEqual(DRILL);
    expect(agenda[0]!.body).toMatch(/^🎭 Drill: .*`acme\/architecture#1`, not linked/);
    // Outside a code span `acme/architecture#1` would become a cross-reference on the real issue.
    expect(agenda[0]!.body.replace(/`[^`]*`/g, "")).not.toContain("architecture#1");
  });

  it("its banner is a quote of its own: the next line is not pulled into it", () => {
    const incident = declaredDrill().incident!;
    const lines = renderChecklist({
      incident,
      config,
      owners: [],
      repro: { httpRequests: [], logLines: [], screenshots: [] },
    }).split("\n");
    const banner = lines.findIndex((line) => line.includes("This is a drill"));
    expect(lines[banner]).toMatch(/^> /);
    // CommonMark's lazy continuation: a non-blank line right after a quote joins the quote.
    expect(lines[banner + 1]).toBe("");
    expect(lines[banner + 2]).toMatch(/^\*\*Incident Lead:\*\*/);
  });
});
