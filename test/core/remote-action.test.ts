import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load.js";
import { decide } from "../../src/core/decide.js";
import type { RemoteAction, RemoteEvent } from "../../src/core/events.js";
import type { Incident, Permission } from "../../src/core/model.js";
import { mapRemoteActor } from "../../src/core/remote/actor.js";
import { config, issue, labeled, NOW, ref } from "../helpers/builders.js";

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const mapped = config({
  notifications: { slackUsers: { kim: "U0KIM1234" }, pagerdutyUsers: { lee: "PLH1HKV" } },
});

function remote(
  action: RemoteAction,
  options: { id?: string; user?: string; name?: string; permission?: Permission } = {},
  origin: RemoteEvent["origin"] = "pagerduty",
): RemoteEvent {
  const event: RemoteEvent = {
    kind: "remote-action",
    issue: issue({ labels: ["severity::1"] }),
    actor: { login: options.name ?? "Tenex Engineer", isBot: false },
    origin,
    id: options.id ?? "5ac64822-4adc-4fda-ade0-410becf0de4f",
    user: { id: options.user ?? "PLH1HKV", name: options.name ?? "Tenex Engineer" },
    action,
    vouched: origin === "pagerduty",
    ...(origin === "slack" ? { replyUrl: "https://hooks.slack.com/actions/T1/2/3" } : {}),
  };
  // The app layer maps the actor and looks the forge permission up, as for a comment.
  const withActor = mapRemoteActor(event, mapped);
  return withActor.mapped ? { ...withActor, permission: options.permission ?? "write" } : withActor;
}

function declared(): Incident {
  return { ...decide(undefined, labeled("severity::1"), mapped, NOW).incident!, log: ref(100) };
}

const bodies = (actions: ReturnType<typeof decide>["actions"]) =>
  actions.flatMap((action) => (action.kind === "comment" ? [action.body] : []));

describe("a responder acting in PagerDuty or Slack goes through the same commands", () => {
  it("a PagerDuty acknowledgement by a mapped agent acknowledges as that forge user, from PagerDuty", () => {
    const result = decide(declared(), remote({ type: "commands", text: "/ack" }), mapped, at(3));
    expect(result.incident!.status).toBe("acknowledged");
    expect(result.incident!.acknowledgedBy).toBe("lee");
    expect(bodies(result.actions)).toContainEqual(
      expect.stringContaining("Acknowledged by lee from PagerDuty"),
    );
    expect(result.actions.some((action) => action.kind === "notify")).toBe(true);
  });

  it("an unmapped PagerDuty agent is named as PagerDuty shows them, without @ or line breaks", () => {
    const event = remote(
      { type: "commands", text: "/ack" },
      { user: "PXXXXXX", name: "@Ops\nBot <x>" },
    );
    const result = decide(declared(), event, mapped, at(3));
    expect(result.incident!.acknowledgedBy).toBe("OpsBot x");
  });

  it("an unmapped agent is vouched for an acknowledgement only, nothing else", () => {
    const event = remote({ type: "commands", text: "/sev 3" }, { user: "PXXXXXX" });
    const result = decide(declared(), event, mapped, at(3));
    expect(result.incident!.severity).toBe(1);
    expect(bodies(result.actions).join()).toMatch(/Not done: .*needs write access/);
  });

  const replies = (actions: ReturnType<typeof decide>["actions"]) =>
    actions.flatMap((action) =>
      action.kind === "notify" && action.notification.kind === "reply"
        ? [[action.notification.targets.replyUrl, action.notification.text]]
        : [],
    );

  /** kim, whose Slack user is mapped, sends `/ack` from Slack with `permission` on the forge. */
  const kimAcksInSlack = (permission: Permission) =>
    remote(
      { type: "commands", text: "/ack" },
      { user: "U0KIM1234", name: "kim", permission },
      "slack",
    );

  it("a mapped Slack user without the permission is told privately, and nothing changes", () => {
    const event = kimAcksInSlack("read");
    const result = decide(declared(), event, mapped, at(3));
    expect(result.incident!.status).toBe("declared");
    expect(bodies(result.actions)).toEqual([]);
    expect(replies(result.actions)).toEqual([
      [
        "https://hooks.slack.com/actions/T1/2/3",
        expect.stringMatching(/needs write access; kim has read/),
      ],
    ]);
  });

  it("a hand-over typed in Slack to someone who could not accept it is refused, as in a comment", () => {
    const handoff = (named: Record<string, Permission>) => ({
      ...remote(
        { type: "commands", text: "/handoff @rita" },
        { user: "U0KIM1234", name: "kim" },
        "slack",
      ),
      named,
    });
    const refused = decide(declared(), handoff({ rita: "read" }), mapped, at(3));
    expect(refused.incident!.pendingHandoff).toBeUndefined();
    expect(bodies(refused.actions).join("\n")).toContain(
      "Not done: rita has read access to acme/shop and could not accept with `/ack`",
    );
    const offered = decide(declared(), handoff({ rita: "write" }), mapped, at(3));
    expect(offered.incident!.pendingHandoff?.to).toBe("rita");
  });

  it("an unmapped Slack user is told how to link their user; Slack vouches for nobody", () => {
    const event = remote({ type: "commands", text: "/ack" }, { user: "U0NOBODY1" }, "slack");
    const result = decide(declared(), event, mapped, at(3));
    expect(result.incident!.status).toBe("declared");
    expect(bodies(result.actions)).toEqual([]);
    expect(replies(result.actions)[0]![1]).toMatch(/not linked .* `notifications.slackUsers`/);
  });

  it("a mapped Slack user with the permission acknowledges from Slack", () => {
    const event = kimAcksInSlack("write");
    const result = decide(declared(), event, mapped, at(3));
    expect(result.incident!.acknowledgedBy).toBe("kim");
    expect(bodies(result.actions).join()).toContain("Acknowledged by kim from Slack");
  });

  it("PagerDuty's echo of sevbot's own acknowledgement says nothing", () => {
    const acked = decide(declared(), remote({ type: "commands", text: "/ack" }), mapped, at(3));
    const echo = remote({ type: "commands", text: "/ack" }, { id: "other-event", user: "PXXXXXX" });
    const again = decide(acked.incident, echo, mapped, at(4));
    expect(again.actions).toEqual([]);
  });

  it.each<[string, RemoteAction]>([
    ["ack", { type: "commands", text: "/ack" }],
    ["note", { type: "note", text: "Rolled back" }],
    ["resolved", { type: "resolved-elsewhere" }],
    ["status", { type: "commands", text: "/status degraded" }],
  ])("a redelivered %s changes nothing", (_name, action) => {
    const first = decide(declared(), remote(action), mapped, at(3));
    expect(first.incident).not.toEqual(declared());
    const second = decide(first.incident, remote(action), mapped, at(4));
    expect(second.actions).toEqual([]);
    expect(second.incident).toEqual(first.incident);
  });

  it("a note goes on the timeline, mentions neutralized", () => {
    const note = remote({ type: "note", text: "paged @kim about it" });
    const result = decide(declared(), note, mapped, at(3));
    const last = result.incident!.timeline.at(-1)!;
    expect(last.text).toBe("PagerDuty note: paged @\u2060kim about it");
    expect(last.actor).toBe("lee");
  });

  it("resolved in PagerDuty is recorded and asks the lead to /resolve; the incident stays open", () => {
    const acked = decide(declared(), remote({ type: "commands", text: "/ack" }), mapped, at(3));
    const result = decide(
      acked.incident,
      remote({ type: "resolved-elsewhere" }, { id: "resolved-1" }),
      mapped,
      at(9),
    );
    expect(result.incident!.status).toBe("acknowledged");
    expect(result.incident!.timeline.at(-1)!.text).toBe("Resolved in PagerDuty by lee");
    expect(bodies(result.actions).join()).toMatch(
      /@lee: when it is, resolve it here with `\/resolve/,
    );
  });

  it("events about an issue without an incident change nothing and say nothing", () => {
    expect(decide(undefined, remote({ type: "commands", text: "/ack" }), mapped, at(1))).toEqual({
      incident: undefined,
      actions: [],
    });
  });
});

describe("notifications.pagerdutyUsers", () => {
  it("accepts PagerDuty user ids and names a wrong one", () => {
    expect(
      parseConfigText("notifications:\n  pagerdutyUsers:\n    lee: PLH1HKV\n", "sevbot.yml").error,
    ).toBeUndefined();
    expect(
      parseConfigText("notifications:\n  pagerdutyUsers:\n    lee: lee@example.com\n", "sevbot.yml")
        .error,
    ).toMatch(/pagerdutyUsers.*PagerDuty user id/s);
  });
});
