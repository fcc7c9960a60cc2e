import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { Incident } from "../../src/core/model.js";
import { isRelevant } from "../../src/core/relevance.js";
import { config, labeled, NOW, ref } from "../helpers/builders.js";

const settings = config({
  components: {
    labelPrefix: "component::",
    owners: { payments: ["alice", "org/payments-team"], search: ["sam"] },
    fallbackOwners: ["sre-lead"],
    rotations: { checkout: "emea" },
  },
});
const later = new Date(NOW.getTime() + 5 * 60_000);

function declared(): Incident {
  return { ...decide(undefined, labeled("severity::1"), settings, NOW).incident!, log: ref(100) };
}

/** The labels after `added` joined them, and the label event for it. */
function add(incident: Incident, added: string, at = later) {
  const labels = ["severity::1", ...(incident.components ?? []).map((c) => `component::${c}`)];
  return decide(incident, labeled(added, [...labels, added]), settings, at);
}

const comments = (actions: Action[]) =>
  actions.flatMap((action) => (action.kind === "comment" ? [action] : []));

describe("a component label added after the declaration", () => {
  it("pings that component's owners once, and the timeline says so", () => {
    const { incident, actions } = add(declared(), "component::payments");
    expect(comments(actions).map((action) => action.body)).toEqual([
      "🧩 Component `payments` added: @alice @org/payments-team, you own it; please join the response.",
    ]);
    expect(incident!.components).toEqual(["payments"]);
    expect(incident!.timeline.at(-1)).toMatchObject({ text: "Component added: payments" });
    // Redelivered: nothing more.
    const again = add(incident!, "component::payments");
    expect(again.actions).toEqual([]);
    expect(again.incident).toEqual(incident);
  });

  it("is worth loading the incident for on an incident's issue, even before its status label", () => {
    const component = (labels: string[]) =>
      isRelevant(labeled("component::payments", [...labels, "component::payments"]), settings);
    expect(component(["incident::active"])).toBe(true);
    // Labelled right after severity::1, while the declaration was still queued.
    expect(component(["severity::1"])).toBe(true);
    expect(component(["bug"])).toBe(false);
  });

  it("says of a component the config does not know, with the one meant", () => {
    const { actions } = add(declared(), "component::paymnets");
    expect(comments(actions).map((action) => action.body)).toEqual([
      "⚠️ `component::paymnets` is not among the components in the sevbot config, " +
        "so nobody was pinged as its owner. Did you mean `component::payments`?",
    ]);
  });

  it("says a known component without owners has none, a drill that its owners are left out, and does nothing once resolved", () => {
    const { actions } = add(declared(), "component::checkout");
    expect(comments(actions)[0]!.body).toBe(
      "🧩 Component `checkout` added; it has no owners in the sevbot config.",
    );
    const drill = { ...declared(), drill: true };
    expect(comments(add(drill, "component::payments").actions)[0]!.body).toBe(
      "🧩 Component `payments` added; none of its owners takes part in this drill.",
    );
    const resolved = { ...declared(), status: "resolved" as const };
    expect(add(resolved, "component::payments").actions).toEqual([]);
  });

  it("in any order and with any redeliveries, each component gets one comment under its own key", () => {
    const label = fc.constantFrom(
      "component::payments",
      "component::search",
      "component::checkout",
      "component::paymnets",
      "bug",
    );
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 12 }), (labels) => {
        let incident = declared();
        const posted: string[] = [];
        for (const added of labels) {
          const decided = add(incident, added);
          incident = decided.incident!;
          posted.push(...comments(decided.actions).map((action) => action.key));
        }
        const distinct = [...new Set(labels.filter((name) => name !== "bug"))].map((name) =>
          name.replace("component::", ""),
        );
        expect(incident.components ?? []).toEqual(distinct);
        expect(posted).toEqual(distinct.map((name) => `component-${name}`));
      }),
      { numRuns: 200 },
    );
  });
});
