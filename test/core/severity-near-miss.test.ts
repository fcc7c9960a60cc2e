import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide } from "../../src/core/decide.js";
import { isRelevant } from "../../src/core/relevance.js";
import { severityOfLabel } from "../../src/core/severity.js";
import { nearMissSeverity } from "../../src/core/severity-near-miss.js";
import { config, labeled, NOW } from "../helpers/builders.js";

const SCHEMES = ["severity::N"];

describe("a label meant as a severity but spelled otherwise", () => {
  it.each([
    ["severity:1", 1],
    ["Severity 2", 2],
    ["SEVERITY::3", undefined], // a configured spelling in other case is a severity, not a miss
    ["sev1", 1],
    ["SEV-4", 4],
    ["sev 2", 2],
    ["P1", undefined], // a priority on an ordinary bug
    ["severity::5", undefined],
    ["several", undefined],
    ["bug", undefined],
  ])("%s → %s", (label, meant) => {
    expect(nearMissSeverity(label, SCHEMES)).toBe(meant);
  });

  it("is never a label the schemes accept", () => {
    const schemes = fc.constantFrom(["severity::N"], ["sevN", "P-N"], ["priority/N"]);
    fc.assert(
      fc.property(schemes, fc.string({ maxLength: 12 }), (spellings, label) => {
        if (severityOfLabel(label, spellings) !== undefined)
          expect(nearMissSeverity(label, spellings)).toBeUndefined();
      }),
    );
  });

  it("is answered once on the issue with the label that declares, and declares nothing", () => {
    const event = labeled("sev1");
    expect(isRelevant(event, config())).toBe(true);
    const { incident, actions } = decide(undefined, event, config(), NOW);
    expect(incident).toBeUndefined();
    expect(actions).toEqual([
      expect.objectContaining({
        kind: "comment",
        key: "severity-near-miss-sev1",
        body: expect.stringMatching(
          /^`sev1` is not a severity label here, so no incident was declared\. To declare a Sev-1, add `severity::1`\./,
        ),
      }),
    ]);
  });

  it("says nothing when the issue already has a severity or an incident", () => {
    expect(
      decide(undefined, labeled("sev1", ["severity::2", "sev1"]), config(), NOW).actions,
    ).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ key: "severity-near-miss-sev1" })]),
    );
    const declared = decide(undefined, labeled("severity::1"), config(), NOW).incident!;
    expect(
      decide(declared, labeled("sev2", ["severity::1", "sev2"]), config(), NOW).actions,
    ).toEqual([]);
  });
});
