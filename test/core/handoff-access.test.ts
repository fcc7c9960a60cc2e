import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasAtLeast } from "../../src/core/commands/permissions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Incident, Permission } from "../../src/core/model.js";
import { config, labeled, NOW, ref, said } from "../helpers/builders.js";

const LEVELS: Permission[] = ["none", "read", "triage", "write", "maintain", "admin"];
const later = new Date(NOW.getTime() + 10 * 60_000);

function acknowledged(): Incident {
  const declared = {
    ...decide(undefined, labeled("severity::1"), config(), NOW).incident!,
    log: ref(100),
  };
  return decide(declared, comment("/ack", 1), config(), NOW).incident!;
}

function comment(body: string, id: number, named?: Record<string, Permission>): DomainEvent {
  return { ...said(body, { id, permission: "admin" }), ...(named ? { named } : {}) } as DomainEvent;
}

/**
 * `/handoff @x` and `/lead @x` name someone who must then act: accept with `/ack`, or post
 * `/status`. Whatever the configured permissions and whatever the forge said of x (or if it
 * could not say), the command is refused exactly when x is known to lack what it takes.
 */
describe("hand-over and lead by the named person's access", () => {
  it("is refused exactly when the person is known to lack the permission the next step needs", () => {
    const start = acknowledged();
    fc.assert(
      fc.property(
        fc.constantFrom("handoff" as const, "lead" as const),
        fc.option(fc.constantFrom(...LEVELS), { nil: undefined }),
        fc.constantFrom(...LEVELS.slice(1)),
        fc.constantFrom(...LEVELS.slice(1)),
        fc.constantFrom("Sam", "sam"),
        (verb, granted, ack, status, who) => {
          const settings = config({ commands: { permissions: { default: "write", ack, status } } });
          const named = granted ? { sam: granted } : undefined;
          const event = comment(`/${verb} @${who}`, 2, named);
          const { incident, actions } = decide(start, event, settings, later);
          const required = verb === "handoff" ? ack : status;
          const refused = granted !== undefined && !hasAtLeast(granted, required);
          const replies = actions.flatMap((action) =>
            action.kind === "comment" ? [action.body] : [],
          );
          expect(replies).toHaveLength(1);
          expect(replies[0]!.startsWith(`Not done: ${who}`)).toBe(refused);
          if (refused) {
            expect(replies[0]).toContain(`which needs ${required}`);
            expect(incident!.timeline).toEqual(start.timeline);
            expect(incident!.pendingHandoff).toBeUndefined();
            expect(incident!.lead).toBe(start.lead);
          } else if (verb === "handoff") {
            expect(incident!.pendingHandoff?.to).toBe(who);
          } else {
            expect(incident!.lead).toBe(who);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
  it.each(["handoff", "lead"])("/%s to a team is refused: a lead is one person", (verb) => {
    const start = acknowledged();
    const { incident, actions } = decide(start, comment(`/${verb} @acme/sre`, 3), config(), later);
    expect(actions.flatMap((action) => (action.kind === "comment" ? [action.body] : []))).toEqual([
      `Not done: acme/sre is a team, and an Incident Lead is one person. Name one of its members: \`/${verb} @user\`.`,
    ]);
    expect(incident!.lead).toBe(start.lead);
    expect(incident!.pendingHandoff).toBeUndefined();
    expect(incident!.timeline).toEqual(start.timeline);
  });
});
