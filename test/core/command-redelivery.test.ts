import { describe, expect, it } from "vitest";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Incident } from "../../src/core/model.js";
import { config, issue, labeled, NOW, ref } from "../helpers/builders.js";

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

function comment(body: string, id: number): DomainEvent {
  return {
    kind: "comment-created",
    issue: issue({ labels: ["severity::1", "incident::active"] }),
    actor: { login: "lee", isBot: false },
    comment: { id, body, author: "lee", byBot: false },
    permission: "admin",
  };
}

function declared(): Incident {
  return { ...decide(undefined, labeled("severity::1"), config(), NOW).incident!, log: ref(100) };
}

function resolved(): Incident {
  return decide(declared(), comment("/resolve root cause: expired certificate", 1), config(), at(5))
    .incident!;
}

describe("a redelivered command comment changes nothing the second time", () => {
  it.each([
    ["/ack", declared],
    ["/lead @kim", declared],
    ["/handoff @kim", declared],
    ["/sev 2", declared],
    ["/status t", declared],
    ["/timeline t", declared],
    ["/mitigate", declared],
    ["/decide a", declared],
    ["/mitigated s", declared],
    ["/resolve root cause unknown", declared],
    ["/reopen", resolved],
    ["/ack\n/status rolling back\n/timeline 13:55 alert fired", declared],
  ])("%j", (body, before) => {
    const incident = before();
    const event = comment(body, 42);
    const first = decide(incident, event, config(), at(10));
    // The first delivery did something, so the second one has something to repeat.
    const { done: _before, ...visibleBefore } = incident;
    const { done: _after, ...visibleAfter } = first.incident!;
    expect(
      first.actions.length > 0 || JSON.stringify(visibleAfter) !== JSON.stringify(visibleBefore),
    ).toBe(true);
    expect(first.incident!.done.length).toBeGreaterThan(incident.done.length);

    // The same comment (same id) again, a little later, as a redelivered or replayed webhook.
    const second = decide(first.incident, event, config(), at(11));
    expect(second.actions).toEqual([]);
    expect(second.incident).toEqual(first.incident);
  });

  it("a different comment with the same text is a new command", () => {
    const first = decide(declared(), comment("/timeline t", 42), config(), at(10)).incident!;
    const other = decide(first, comment("/timeline t", 43), config(), at(11)).incident!;
    expect(other.timeline.filter((entry) => entry.text === "t")).toHaveLength(2);
  });
});
