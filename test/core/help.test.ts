import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Incident, Permission } from "../../src/core/model.js";
import { config, issue, labeled, NOW, ref } from "../helpers/builders.js";

/** The commands the README documents, in its order. */
const DOCUMENTED = [
  "ack",
  "lead",
  "handoff",
  "sev",
  "status",
  "timeline",
  "mitigate",
  "decide",
  "mitigated",
  "resolve",
  "reopen",
  "page",
  "similar",
  "impact",
  "action",
  "help",
];

function comment(body: string, id = 77, permission: Permission = "read"): DomainEvent {
  return {
    kind: "comment-created",
    issue: issue({ labels: ["severity::1"] }),
    actor: { login: "visitor", isBot: false },
    comment: { id, body, author: "visitor", byBot: false },
    permission,
  };
}

function replies(actions: Action[]): Array<Extract<Action, { kind: "comment" }>> {
  return actions.filter(
    (action): action is Extract<Action, { kind: "comment" }> => action.kind === "comment",
  );
}

function declared(): Incident {
  return { ...decide(undefined, labeled("severity::1"), config(), NOW).incident!, log: ref(100) };
}

describe("/help", () => {
  it("replies once with every command, one per line, and changes nothing", () => {
    const incident = declared();
    const { incident: after, actions } = decide(incident, comment("/help"), config(), NOW);
    expect(after).toEqual(incident);
    expect(actions).toHaveLength(1);
    const [reply] = replies(actions);
    expect(reply).toMatchObject({ key: "help-77", issue: ref(7) });
    const listed = reply!.body
      .split("\n")
      .flatMap((line) => /^- `\/(\w+)[` ]/.exec(line)?.[1] ?? []);
    expect(listed).toEqual(DOCUMENTED);
    expect(reply!.body).not.toMatch(/does not know/);
  });

  it("needs no permission (a reader asks) and works on an issue without an incident", () => {
    const { incident, actions } = decide(undefined, comment("/help"), config(), NOW);
    expect(incident).toBeUndefined();
    expect(replies(actions).map((action) => action.key)).toEqual(["help-77"]);
  });

  it("with other commands it is answered once, beside them, and the others run", () => {
    const { incident, actions } = decide(
      declared(),
      comment("/help\n/ack", 78, "write"),
      config(),
      NOW,
    );
    expect(incident!.status).toBe("acknowledged");
    expect(replies(actions).filter((action) => action.key.startsWith("help-"))).toHaveLength(1);
  });

  it("with an unknown command, one reply naming it and the list", () => {
    const { actions } = decide(declared(), comment("/help\n/frobnicate"), config(), NOW);
    expect(replies(actions)).toHaveLength(1);
    expect(replies(actions)[0]!.body).toMatch(
      /^sevbot does not know `\/frobnicate`\. Commands, one per line:/,
    );
  });
});
