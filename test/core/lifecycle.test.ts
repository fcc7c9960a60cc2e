import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Incident, Permission } from "../../src/core/model.js";
import { renderLogIssueBody } from "../../src/core/render/log-issue.js";
import { config, issue, labeled, NOW, ref } from "../helpers/builders.js";

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
let commentId = 100;

function say(
  body: string,
  login = "lee",
  permission: Permission = "write",
  id = ++commentId,
): DomainEvent {
  return {
    kind: "comment-created",
    issue: issue({ labels: ["severity::1", "incident::active"] }),
    actor: { login, isBot: false },
    comment: { id, body, author: login, byBot: false },
    permission,
  };
}

function declared(): Incident {
  return { ...decide(undefined, labeled("severity::1"), config(), NOW).incident!, log: ref(100) };
}

function bodies(actions: Action[]): string[] {
  return actions
    .filter((action) => action.kind === "comment")
    .map((action) => (action as { body: string }).body);
}

describe("lifecycle commands", () => {
  it("/ack acknowledges, makes the acknowledger lead and swaps the status label", () => {
    const { incident, actions } = decide(declared(), say("/ack"), config(), minutes(4));
    expect(incident).toMatchObject({
      status: "acknowledged",
      acknowledgedBy: "lee",
      lead: "lee",
      acknowledgedAt: minutes(4).toISOString(),
    });
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: "add-labels", labels: ["incident::acknowledged"] }),
    );
    expect(bodies(actions)[0]).toMatch(/Acknowledged by lee.*lee is Incident Lead/);
  });

  it("several commands in one comment run in order", () => {
    const { incident } = decide(
      declared(),
      say("/ack\n/lead @kim\n/status rolled back"),
      config(),
      minutes(5),
    );
    expect(incident).toMatchObject({
      status: "acknowledged",
      lead: "kim",
      lastStatusAt: minutes(5).toISOString(),
    });
    expect(incident!.timeline.map((entry) => entry.text)).toEqual(
      expect.arrayContaining(["Incident Lead: lee → kim", "Status: rolled back"]),
    );
  });

  it("an edited comment does not re-run a command that already ran", () => {
    const first = decide(
      declared(),
      say("/ack", "lee", "write", 7),
      config(),
      minutes(4),
    ).incident!;
    const edited: DomainEvent = {
      ...(say("/ack\n/status now with more detail", "lee", "write", 7) as Extract<
        DomainEvent,
        { kind: "comment-created" }
      >),
      kind: "comment-edited",
    };
    const { incident, actions } = decide(first, edited, config(), minutes(6));
    expect(
      incident!.timeline.filter((entry) => entry.text.startsWith("Acknowledged")),
    ).toHaveLength(1);
    expect(incident!.lastStatusAt).toBe(minutes(6).toISOString());
    expect(actions.filter((action) => action.kind === "comment")).toEqual([]);
  });

  it("a refused command gets one reply and changes nothing", () => {
    const before = declared();
    const { incident, actions } = decide(
      before,
      say("/ack\n/resolve", "visitor", "read"),
      config(),
      minutes(4),
    );
    expect(incident!.status).toBe("declared");
    expect(bodies(actions)).toHaveLength(1);
    expect(bodies(actions)[0]).toMatch(/needs write access; visitor has read/);
  });

  it("/status and /timeline need only triage by default; that is configurable", () => {
    expect(
      decide(declared(), say("/status looking", "tri", "triage"), config(), minutes(3)).incident!
        .lastStatusAt,
    ).toBeDefined();
    const strict = config({ commands: { permissions: { default: "write", status: "maintain" } } });
    expect(
      decide(declared(), say("/status looking", "dev", "write"), strict, minutes(3)).incident!
        .lastStatusAt,
    ).toBeUndefined();
  });

  it("an unknown command gets one help reply", () => {
    const { actions } = decide(declared(), say("/frob\n/zap"), config(), minutes(3));
    expect(bodies(actions)).toHaveLength(1);
    expect(bodies(actions)[0]).toMatch(/does not know `\/frob`, `\/zap`/);
  });

  it("/handoff offers, the incoming person's /ack accepts", () => {
    const acked = decide(declared(), say("/ack"), config(), minutes(4)).incident!;
    const offered = decide(acked, say("/handoff @sam"), config(), minutes(60));
    expect(offered.incident!.pendingHandoff).toEqual({
      from: "lee",
      to: "sam",
      at: minutes(60).toISOString(),
    });
    expect(bodies(offered.actions)[0]).toMatch(/@sam: please read[\s\S]*Hypotheses/);
    const accepted = decide(offered.incident, say("/ack", "sam"), config(), minutes(62)).incident!;
    expect(accepted).toMatchObject({ lead: "sam", status: "acknowledged" });
    expect(accepted.pendingHandoff).toBeUndefined();
  });

  it("/handoff to whoever already leads is refused, offers nothing and pings nobody", () => {
    const acked = decide(declared(), say("/ack"), config(), minutes(4)).incident!;
    const { incident, actions } = decide(acked, say("/handoff @Lee"), config(), minutes(6));
    expect(incident!.pendingHandoff).toBeUndefined();
    expect(incident!.timeline).toEqual(acked.timeline);
    expect(bodies(actions)).toEqual([
      "Not done: Lee already leads this incident. To hand over, `/handoff` someone else.",
    ]);
  });

  it("/sev 2 changes severity like the label does, and sets the label", () => {
    const { incident, actions } = decide(declared(), say("/sev 2"), config(), minutes(3));
    expect(incident!.severity).toBe(2);
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: "add-labels", labels: ["severity::2"] }),
    );
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: "remove-labels", labels: ["severity::1"] }),
    );
  });

  it("/mitigate posts the template; /decide records, notifies and adds the validation item", () => {
    const cfg = config({ mitigation: { notify: ["dir-sec", "dir-infra"] } });
    expect(bodies(decide(declared(), say("/mitigate"), cfg, minutes(3)).actions)[0]).toMatch(
      /Short-term option[\s\S]*How many customers are affected[\s\S]*Long-term option/,
    );
    const decided = decide(declared(), say("/decide block /export at the proxy"), cfg, minutes(9));
    expect(decided.incident!.mitigationDecision).toBe("block /export at the proxy");
    expect(bodies(decided.actions)[0]).toMatch(
      /@dir-sec @dir-infra[\s\S]*- \[ \] Validate that the fix worked/,
    );
  });

  it("/timeline HH:MM places the event at that time, in order", () => {
    const { incident } = decide(
      declared(),
      say("/timeline 13:50 first alert fired"),
      config(),
      minutes(10),
    );
    expect(incident!.timeline[0]).toMatchObject({
      at: "2026-11-22T13:50:00.000Z",
      text: "first alert fired",
    });
  });

  it("full lifecycle: durations in the final log are those of the scripted clock", () => {
    const cfg = config({
      resolution: { ...config().resolution, architectureMeetingIssue: "acme/arch#3" },
    });
    let incident: Incident | undefined = declared();
    incident = decide(incident, say("/ack"), cfg, minutes(4)).incident;
    incident = decide(incident, say("/mitigated rolled back"), cfg, minutes(25)).incident;
    const resolution = decide(incident, say("/resolve root cause unknown"), cfg, minutes(95));
    incident = resolution.incident!;
    expect(incident).toMatchObject({
      status: "resolved",
      rootCause: { known: false },
      postMortemDue: "2026-11-27",
    });
    const created = resolution.actions.filter((action) => action.kind === "create-issue") as Array<
      Extract<Action, { kind: "create-issue" }>
    >;
    expect(created.map((action) => [action.linkAs, action.repo, action.assignees])).toEqual([
      ["followUp", "acme/shop", ["lee"]],
      ["postMortem", "acme/shop", ["lee"]],
    ]);
    expect(created[0]!.labels).toContain("priority::high");
    expect(created[1]!.body).toMatch(
      /Time to acknowledge \| 4 min[\s\S]*Time to mitigate \| 25 min[\s\S]*Time to resolve \| 1 h 35 min/,
    );
    expect(resolution.actions).toContainEqual(
      expect.objectContaining({
        kind: "comment",
        issue: { platform: "github", repo: "acme/arch", number: 3 },
      }),
    );
    const log = renderLogIssueBody(
      { ...incident, links: { followUp: ref(8), postMortem: ref(9) } },
      "acme/shop",
    );
    expect(log).toMatch(/time to acknowledge\) \| 2026-11-22 14:04 UTC \(after 4 min\)/);
    expect(log).toMatch(/time to mitigate\) \| 2026-11-22 14:25 UTC \(after 25 min\)/);
    expect(log).toMatch(/time to resolve\) \| 2026-11-22 15:35 UTC \(after 1 h 35 min\)/);
    expect(log).toMatch(/Follow-up \| acme\/shop#8/);
  });

  it("/reopen makes a resolved incident active again; a Sev-3 never gets a post-mortem", () => {
    const resolved = decide(
      declared(),
      say("/resolve root cause: bad deploy"),
      config(),
      minutes(30),
    );
    expect(
      resolved.actions.some(
        (action) => action.kind === "create-issue" && action.linkAs === "followUp",
      ),
    ).toBe(false);
    const reopened = decide(resolved.incident, say("/reopen"), config(), minutes(40)).incident!;
    expect(reopened.status).toBe("declared");
    const sev3 = { ...declared(), severity: 3 as const };
    expect(
      decide(sev3, say("/resolve root cause: typo"), config(), minutes(5)).actions.some(
        (action) => action.kind === "create-issue",
      ),
    ).toBe(false);
  });
});
