import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Incident } from "../../src/core/model.js";
import type { Notification } from "../../src/core/notification.js";
import { config, issue, labeled, NOW, ref } from "../helpers/builders.js";

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const settings = config({
  mitigation: { notify: ["director-sec", "director-infra"] },
  notifications: {
    slackUsers: { lee: "U0LEE1234", "director-sec": "U0SEC1234" },
    emails: { lee: "lee@example.com" },
    teams: { database: ["kim", "lee"] },
    pagerdutyUsers: { lee: "PLEE001" },
  },
});

let commentId = 0;
function comment(body: string, labels = ["severity::1"]): DomainEvent {
  commentId += 1;
  return {
    kind: "comment-created",
    issue: issue({ labels }),
    actor: { login: "dana", isBot: false },
    comment: { id: commentId, body, author: "dana", byBot: false },
    permission: "write",
  };
}

function declared(overrides: Partial<Incident> = {}): Incident {
  const incident = decide(undefined, labeled("severity::1"), settings, NOW).incident!;
  return { ...incident, log: ref(100), ...overrides };
}

const notices = (actions: Action[]): Notification[] =>
  actions.flatMap((action) => (action.kind === "notify" ? [action.notification] : []));

describe("updates are relayed to the incident's channels and war room, each as its own kind", () => {
  const room = { name: "2026-11-22-war-room-checkout", url: "https://slack.example/C1" };

  it.each([
    ["/status rolled back to 4.1", "status", /^Status: rolled back to 4\.1$/],
    ["/decide roll back the gateway", "decision", /^Mitigation decided: roll back the gateway$/],
    ["/mitigated error rate back to normal", "mitigated", /^Mitigated by dana: error rate/],
    ["/sev 2", "severity", /^Severity lowered by dana: Sev-1 → Sev-2$/],
    ["/handoff @kim", "handoff", /^Hand-over offered: .* → kim$/],
  ])("%s → a %s notification to the channels and the war room", (body, kind, text) => {
    const result = decide(declared({ warRoom: room }), comment(body), settings, at(5));
    const relayed = notices(result.actions).filter((notice) => notice.kind === kind);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]!.text).toMatch(text);
    expect(relayed[0]!.targets.channels).toEqual(["#tech-incidents", `#${room.name}`]);
    expect(relayed[0]!.targets.page).toBe(false);
  });

  it("/decide also goes to mitigation.notify directly (seed 002's directors)", () => {
    const result = decide(declared(), comment("/decide roll back"), settings, at(5));
    const decision = notices(result.actions).find((notice) => notice.kind === "decision")!;
    expect(decision.targets.users).toEqual(["director-sec", "director-infra"]);
    expect(decision.targets.slackIds).toEqual({ "director-sec": "U0SEC1234" });
  });

  it("a new Incident Lead is relayed; the acknowledgement and the resolution reach the war room", () => {
    const acked = decide(declared({ warRoom: room }), comment("/ack"), settings, at(2));
    const ack = notices(acked.actions).find((notice) => notice.kind === "acknowledge")!;
    expect(ack.targets.channels).toContain(`#${room.name}`);
    const lead = decide(acked.incident, comment("/lead @kim"), settings, at(3));
    expect(notices(lead.actions).map((notice) => [notice.kind, notice.text])).toEqual([
      ["lead", "Incident Lead: dana → kim"],
    ]);
    const resolved = decide(lead.incident, comment("/resolve root cause: cert"), settings, at(9));
    const resolve = notices(resolved.actions).find((notice) => notice.kind === "resolve")!;
    expect(resolve.targets.channels).toContain(`#${room.name}`);
  });

  it("a confidential incident's words stay on the issue", () => {
    const secret = declared({ confidential: true });
    const result = decide(secret, comment("/status the leaked key was rotated"), settings, at(5));
    const [status] = notices(result.actions);
    expect(status!.text).toBe("Status update (see the issue)");
    expect(JSON.stringify(status)).not.toContain("leaked");
  });

  it("a drill relays nothing to channels", () => {
    const drill = declared({ drill: true });
    const result = decide(drill, comment("/status practising"), settings, at(5));
    expect(notices(result.actions)).toEqual([]);
  });

  it("a redelivered /status relays once", () => {
    const event = comment("/status rolling back");
    const first = decide(declared(), event, settings, at(5));
    const second = decide(first.incident, event, settings, at(6));
    expect(notices(first.actions)).toHaveLength(1);
    expect(second.actions).toEqual([]);
  });
});

describe("/page", () => {
  it("/page @lee why: a Slack DM and an e-mail, on the timeline, and said on the issue", () => {
    const result = decide(
      declared(),
      comment("/page @lee the database is on fire"),
      settings,
      at(4),
    );
    const [page] = notices(result.actions);
    expect(page).toMatchObject({
      kind: "page",
      text: "dana asks you to join this Sev-1 now: the database is on fire.",
      targets: {
        channels: [],
        users: ["lee"],
        emails: ["lee@example.com"],
        slackIds: { lee: "U0LEE1234" },
        pagerdutyUserIds: ["PLEE001"],
        page: false,
      },
    });
    expect(result.incident!.timeline.at(-1)).toMatchObject({
      text: "Paged lee: the database is on fire",
      actor: "dana",
    });
    const reply = result.actions.find((action) => action.kind === "comment") as { body: string };
    expect(reply.body).toBe(
      "📟 Paging @lee now through Slack direct message, e-mail and a PagerDuty responder request: the database is on fire.",
    );
  });

  it("/page team-name reaches every member; someone without channels is told so", () => {
    const result = decide(declared(), comment("/page database"), settings, at(4));
    expect(notices(result.actions)[0]!.targets.users).toEqual(["kim", "lee"]);
    const alone = decide(declared(), comment("/page @sam"), settings, at(4));
    const reply = alone.actions.find((action) => action.kind === "comment") as { body: string };
    expect(reply.body).toMatch(/only this mention reaches them/);
  });

  it("a bare name that is no team or rotation pages nobody and mentions nobody", () => {
    const result = decide(declared(), comment("/page databse"), settings, at(4));
    expect(notices(result.actions)).toEqual([]);
    const reply = result.actions.find((action) => action.kind === "comment") as { body: string };
    expect(reply.body).not.toContain("@databse");
    expect(reply.body).toMatch(/no team or rotation named `databse`.*`\/page @user`/);
    const person = decide(declared(), comment("/page @databse"), settings, at(4));
    expect(notices(person.actions)[0]!.targets.users).toEqual(["databse"]);
  });

  it("in a drill, only its participants are paged", () => {
    const drill = config({ ...settings, drills: { ...settings.drills, participants: ["kim"] } });
    const incident = { ...declared(), drill: true };
    const outsider = decide(incident, comment("/page @lee"), drill, at(4));
    expect(notices(outsider.actions)).toEqual([]);
    expect(JSON.stringify(outsider.actions)).toMatch(/this is a drill, and `lee` is not among/);
    const team = decide(incident, comment("/page database"), drill, at(4));
    expect(notices(team.actions)[0]!.targets.users).toEqual(["kim"]);
  });

  it("needs the same permission as other commands", () => {
    const event = { ...comment("/page @lee"), permission: "read" as const };
    const result = decide(declared(), event, settings, at(4));
    expect(notices(result.actions)).toEqual([]);
    expect(JSON.stringify(result.actions)).toMatch(/needs write access/);
  });

  it("without a target: the usage, nothing sent", () => {
    const result = decide(declared(), comment("/page"), settings, at(4));
    expect(notices(result.actions)).toEqual([]);
    expect(JSON.stringify(result.actions)).toMatch(/Usage: `\/page @user/);
  });

  it("echoed text cannot ping anyone through the reason", () => {
    const result = decide(declared(), comment("/page @lee ask @everyone"), settings, at(4));
    expect(JSON.stringify(result.actions)).not.toContain("@everyone");
  });
});
