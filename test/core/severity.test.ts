import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  otherSeverityLabels,
  severityLabel,
  severityOfLabel,
  severityOfLabels,
  severityReader,
} from "../../src/core/severity.js";

const ALL = ["severity::N", "sevN", "SEV-N", "PN", "priority::N"];

describe("severityOfLabel", () => {
  it.each([
    ["severity::1", ["severity::N"], 1],
    ["severity::4", ["severity::N"], 4],
    ["Severity::2", ["severity::N"], 2],
    ["severity::5", ["severity::N"], undefined],
    ["severity::0", ["severity::N"], undefined],
    ["severity::12", ["severity::N"], undefined],
    ["sev1", ["severity::N"], undefined],
    ["sev1", ALL, 1],
    ["SEV-3", ALL, 3],
    ["sev-3", ALL, 3],
    ["P2", ALL, 2],
    ["p4", ALL, 4],
    ["priority::1", ALL, 1],
    ["bug", ALL, undefined],
    ["P", ALL, undefined],
    [" severity::1 ", ["severity::N"], 1],
    ["xseverity::1", ["severity::N"], undefined],
  ] as const)("%s under %j → %s", (label, schemes, expected) => {
    expect(severityOfLabel(label, schemes)).toBe(expected);
  });

  it("treats regex characters in schemes literally", () => {
    expect(severityOfLabel("sev.1", ["sev.N"])).toBe(1);
    expect(severityOfLabel("sevx1", ["sev.N"])).toBeUndefined();
  });
});

describe("severityOfLabels", () => {
  it("picks the worst severity present", () => {
    expect(severityOfLabels(["bug", "severity::3", "severity::1"], ["severity::N"])).toBe(1);
  });
  it("is undefined without a severity label", () => {
    expect(severityOfLabels(["bug", "component::api"], ["severity::N"])).toBeUndefined();
  });
});

describe("severityLabel", () => {
  it("writes with the first scheme", () => {
    expect(severityLabel(2, ["SEV-N", "severity::N"])).toBe("SEV-2");
  });
});

describe("otherSeverityLabels", () => {
  it("lists severity labels that disagree with the kept one", () => {
    expect(otherSeverityLabels(["severity::2", "severity::1", "bug", "P3"], 1, ALL)).toEqual([
      "severity::2",
      "P3",
    ]);
  });
});

describe("severityReader (schemes compiled once)", () => {
  it("reads any labels exactly as severityOfLabels does", () => {
    const label = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.constantFrom("severity::", "sev", "SEV-", "P", "priority::", "x"), fc.nat(12))
        .map(([prefix, n]) => `${prefix}${n}`),
    );
    const schemes = fc.subarray(ALL);
    fc.assert(
      fc.property(fc.array(label, { maxLength: 6 }), schemes, (labels, chosen) => {
        expect(severityReader(chosen)(labels)).toBe(severityOfLabels(labels, chosen));
      }),
      { numRuns: 500 },
    );
  });
});
