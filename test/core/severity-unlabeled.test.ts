import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Incident } from "../../src/core/model.js";
import { isRelevant } from "../../src/core/relevance.js";
import { config, human, issue, labeled, NOW, ref, said } from "../helpers/builders.js";

const later = new Date(NOW.getTime() + 5 * 60_000);

function declared(): Incident {
  return { ...decide(undefined, labeled("severity::1"), config(), NOW).incident!, log: ref(100) };
}

/** `label` removed by a person; `left` is what the issue still carries. */
function unlabeled(label: string, left: string[] = ["incident::active"]): DomainEvent {
  return { kind: "issue-unlabeled", issue: issue({ labels: left }), actor: human, label };
}

const bodies = (actions: Action[]) =>
  actions.flatMap((action) => (action.kind === "comment" ? [action.body] : []));

/**
 * Removing the incident's severity label ends nothing: its paging goes on. That is said once
 * per removal, with what to do instead; other removals change nothing and say nothing.
 */
describe("the incident's severity label removed", () => {
  it("says the incident and its paging go on, and how to change or end it", () => {
    const event = unlabeled("severity::1");
    expect(isRelevant(event, config())).toBe(true);
    const { incident, actions } = decide(declared(), event, config(), later);
    expect(bodies(actions)).toEqual([
      "`severity::1` was removed, but the Sev-1 incident is still active: paging goes on until " +
        "someone replies `/ack`. To change its severity, `/sev N` or add another severity label; " +
        "to end it, `/resolve`. Adding `severity::1` back shows its severity again.",
    ]);
    expect(incident!.severity).toBe(1);
    expect(incident!.status).toBe("declared");
    expect(incident!.timeline.at(-1)).toMatchObject({
      text: "Severity label removed: severity::1",
    });
  });

  it("after an acknowledgement, names the status-update reminders instead", () => {
    const acked = decide(declared(), said("/ack"), config(), later).incident!;
    const { actions } = decide(acked, unlabeled("severity::1"), config(), later);
    expect(bodies(actions)[0]).toContain("status-update reminders go on");
  });

  it("a retry before the save says it under the same key; a second removal under a new one", () => {
    const start = declared();
    const first = decide(start, unlabeled("severity::1"), config(), later);
    const retried = decide(start, unlabeled("severity::1"), config(), later);
    expect(retried.actions.map((action) => action.key)).toEqual(
      first.actions.map((action) => action.key),
    );
    const again = decide(first.incident, unlabeled("severity::1"), config(), later);
    expect(again.actions[0]!.key).not.toBe(first.actions[0]!.key);
  });

  it("says nothing when another severity label remains, for another label, or once resolved", () => {
    const quiet = (incident: Incident, event: DomainEvent) =>
      decide(incident, event, config(), later).actions;
    expect(
      quiet(declared(), unlabeled("severity::1", ["severity::2", "incident::active"])),
    ).toEqual([]);
    expect(quiet(declared(), unlabeled("severity::2"))).toEqual([]);
    expect(quiet(declared(), unlabeled("bug"))).toEqual([]);
    expect(quiet({ ...declared(), status: "resolved" }, unlabeled("severity::1"))).toEqual([]);
    // On an issue with no incident, the removal costs no forge request at all.
    expect(isRelevant(unlabeled("severity::1", []), config())).toBe(false);
  });
});
