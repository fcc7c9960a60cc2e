import { describe, expect, it } from "vitest";
import { decide } from "../../src/core/decide.js";
import type { IncidentStatus } from "../../src/core/model.js";
import { canTransition, transition } from "../../src/core/transitions.js";
import { config, labeled, NOW } from "../helpers/builders.js";

const STATUSES: IncidentStatus[] = ["declared", "acknowledged", "mitigated", "resolved"];
const EXPECTED: Record<IncidentStatus, IncidentStatus[]> = {
  declared: ["acknowledged", "mitigated", "resolved"],
  acknowledged: ["mitigated", "resolved"],
  mitigated: ["resolved"],
  resolved: ["declared"],
};

describe("incident state machine", () => {
  const base = decide(undefined, labeled("severity::1"), config(), NOW).incident!;
  const at = "2026-11-22T14:07:00.000Z";

  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const allowed = EXPECTED[from].includes(to);
      it(`${from} → ${to} is ${allowed ? "allowed" : "refused"}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
        const result = transition({ ...base, status: from }, to, "lee", at);
        expect(result.ok).toBe(allowed);
        if (result.ok) {
          expect(result.incident.status).toBe(to);
          expect(result.incident.timeline).toHaveLength(base.timeline.length + 1);
        } else {
          expect(result.reason).toContain(from);
        }
      });
    }
  }

  it("acknowledging stamps who and when, and makes the acknowledger lead when there is none", () => {
    const result = transition(base, "acknowledged", "lee", at);
    expect(result.ok && result.incident).toMatchObject({
      acknowledgedAt: at,
      acknowledgedBy: "lee",
      lead: "lee",
    });
    const withLead = transition({ ...base, lead: "kim" }, "acknowledged", "lee", at);
    expect(withLead.ok && withLead.incident.lead).toBe("kim");
  });

  it("reopening clears the resolution time", () => {
    const resolved = transition(base, "resolved", "lee", at);
    const reopened = resolved.ok ? transition(resolved.incident, "declared", "lee", at) : resolved;
    expect(reopened.ok && reopened.incident.resolvedAt).toBeUndefined();
  });
});
