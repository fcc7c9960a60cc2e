import { describe, expect, it } from "vitest";
import type { Incident } from "../../src/core/model.js";
import { readStateBlock, renderStateBlock, withStateBlock } from "../../src/core/state-block.js";
import { ref } from "../helpers/builders.js";

const incident: Incident = {
  source: ref(7),
  title: "Checkout -- broken --> badly",
  severity: 1,
  status: "acknowledged",
  declaredAt: "2026-11-22T14:00:00.000Z",
  declaredBy: "dana",
  acknowledgedAt: "2026-11-22T14:04:00.000Z",
  acknowledgedBy: "lee",
  lead: "lee",
  confidential: false,
  links: { followUp: ref(8) },
  timeline: [
    { at: "2026-11-22T14:00:00.000Z", text: "Sev-1 declared -- with dashes", actor: "dana" },
  ],
  done: ["github:acme/shop#9/agenda"],
};

describe("state block", () => {
  it("round-trips an incident, leaving out the log reference it lives in", () => {
    const body = withStateBlock("## Human part", { ...incident, log: ref(99) });
    const read = readStateBlock(body);
    expect(read).toEqual({ kind: "ok", incident });
  });

  it("never lets `--` end the HTML comment early", () => {
    const block = renderStateBlock(incident);
    const inner = block.slice("<!-- ".length, -"-->".length);
    expect(inner).not.toContain("--");
  });

  it("replaces an existing block and keeps the text around it", () => {
    const first = withStateBlock("top", incident);
    const second = withStateBlock(`${first}\nfooter`, { ...incident, status: "resolved" });
    expect(second.match(/sevbot:state/g)).toHaveLength(1);
    expect(second).toContain("footer");
    expect(readStateBlock(second)).toMatchObject({ kind: "ok", incident: { status: "resolved" } });
  });

  it.each([
    ["no block", "just text", "missing"],
    ["unclosed block", "<!-- sevbot:state v1\n{}", "corrupt"],
    ["bad JSON", "<!-- sevbot:state v1\n{nope\n-->", "corrupt"],
    ["future version", "<!-- sevbot:state v9\n{}\n-->", "corrupt"],
    ["wrong shape", '<!-- sevbot:state v1\n{"severity":7}\n-->', "corrupt"],
    [
      "hand-edited status",
      renderStateBlock(incident).replace('acknowledged"', 'fixed"'),
      "corrupt",
    ],
  ])("%s → %s", (_name, body, kind) => {
    const read = readStateBlock(body);
    expect(read.kind).toBe(kind);
    if (read.kind === "corrupt") expect(read.reason.length).toBeGreaterThan(5);
  });

  it("explains which fields are wrong", () => {
    const read = readStateBlock('<!-- sevbot:state v1\n{"severity":7}\n-->');
    expect(read.kind === "corrupt" && read.reason).toMatch(/severity/);
  });
});

describe("state block stability", () => {
  it("renders a read-back incident to the same text, whatever the key order it was built in", () => {
    const reordered = Object.fromEntries(Object.entries(incident).reverse()) as unknown as Incident;
    expect(renderStateBlock(reordered)).toBe(renderStateBlock(incident));
    const read = readStateBlock(renderStateBlock(incident));
    expect(read.kind === "ok" && renderStateBlock(read.incident)).toBe(renderStateBlock(incident));
  });
});
