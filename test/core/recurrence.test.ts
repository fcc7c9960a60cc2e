import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Incident, Severity } from "../../src/core/model.js";
import { computeRecurrence, weekOf, type TrackedIncident } from "../../src/core/recurrence.js";
import { renderRecurrenceMarkdown } from "../../src/core/render/recurrence.js";
import { renderReportHtml } from "../../src/core/render/report.js";
import { computeReport } from "../../src/core/metrics.js";

const SINCE = "2026-10-01T00:00:00.000Z";
const UNTIL = "2026-11-22T00:00:00.000Z";

function tracked(
  number: number,
  declaredAt: string,
  extra: Partial<Incident> = {},
  follow: Partial<TrackedIncident> = {},
): TrackedIncident {
  return {
    incident: {
      source: { platform: "github", repo: "acme/shop", number },
      title: `Incident ${number}`,
      severity: 2,
      status: "resolved",
      declaredAt,
      confidential: false,
      links: {},
      timeline: [],
      done: [],
      ...extra,
    },
    postMortemDone: false,
    ...follow,
  };
}

const ref = (number: number) => ({ platform: "github" as const, repo: "acme/shop", number });

describe("computeRecurrence", () => {
  const history = [
    tracked(
      1,
      "2026-10-05T10:00:00.000Z",
      {
        severity: 1,
        components: ["payments"],
        signature: ["http:POST /api/checkout/:id", "status:502"],
        acknowledgedAt: "2026-10-05T10:10:00.000Z",
        resolvedAt: "2026-10-05T12:00:00.000Z",
        links: { followUp: ref(90) },
        actionItems: [ref(91), ref(92)],
      },
      { followUpDone: true, actionItemsDone: 1 },
    ),
    tracked(2, "2026-11-02T10:00:00.000Z", {
      components: ["payments"],
      signature: ["http:POST /api/checkout/:id"],
      acknowledgedAt: "2026-11-02T10:20:00.000Z",
      resolvedAt: "2026-11-02T11:00:00.000Z",
      links: { followUp: ref(93) },
    }),
    tracked(3, "2026-11-10T10:00:00.000Z", { components: ["search"], signature: ["error:X"] }),
    tracked(4, "2026-11-11T10:00:00.000Z"),
    tracked(5, "2026-11-12T10:00:00.000Z", { components: ["payments"], drill: true }),
    tracked(6, "2026-09-12T10:00:00.000Z", { components: ["payments"] }),
  ];

  it("groups by component: recurrence, worst severity, MTTA/MTTR, follow-ups and action items done", () => {
    const { byComponent } = computeRecurrence(history, SINCE, UNTIL);
    expect(byComponent.map((group) => [group.key, group.incidents])).toEqual([
      ["payments", 2],
      ["(no component)", 1],
      ["search", 1],
    ]);
    expect(byComponent[0]).toEqual({
      key: "payments",
      incidents: 2,
      firstAt: "2026-10-05T10:00:00.000Z",
      lastAt: "2026-11-02T10:00:00.000Z",
      worstSeverity: 1,
      meanTimeToAcknowledge: 15,
      meanTimeToResolve: 90,
      followUps: { done: 1, total: 2 },
      actionItems: { done: 1, total: 2 },
    });
  });

  it("lists only error signatures seen twice or more, and counts the rest", () => {
    const recurrence = computeRecurrence(history, SINCE, UNTIL);
    expect(recurrence.bySignature.map((group) => [group.key, group.incidents])).toEqual([
      ["http:POST /api/checkout/:id", 2],
    ]);
    expect(recurrence.singleSignatures).toBe(2);
    const markdown = renderRecurrenceMarkdown(recurrence);
    expect(markdown).toContain(
      "| `payments` | 2 | yes, 2× | 2026-10-05 – 2026-11-02 | Sev-1 | 15 min | 90 min | 1/2 | 1/2 |",
    );
    expect(markdown).toContain(
      "| `http:POST /api/checkout/:id` | 2 | yes, 2× | 2026-10-05 – 2026-11-02 | Sev-1 |",
    );
    expect(markdown).toContain("| `search` | 1 | no | 2026-11-10 | Sev-2 | — | — | — | — |");
  });

  it("counts incidents per week by severity, every week of the window, drills excluded", () => {
    const { weekly } = computeRecurrence(history, SINCE, UNTIL);
    expect(weekly[0]!.week).toBe("2026-09-28");
    expect(weekly.at(-1)!.week).toBe("2026-11-16");
    expect(weekly).toHaveLength(8);
    expect(weekly.find((week) => week.week === "2026-10-05")!.bySeverity).toEqual({
      1: 1,
      2: 0,
      3: 0,
      4: 0,
    });
    expect(weekly.find((week) => week.week === "2026-11-09")!.bySeverity[2]).toBe(2);
  });

  it("weekly counts add up to the incidents in the window (generated histories)", () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            offset: fc.integer({ min: -20, max: 80 }),
            severity: fc.constantFrom<Severity>(1, 2, 3, 4),
            drill: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (entries) => {
          const incidents = entries.map((entry, index) =>
            tracked(index + 1, new Date(Date.parse(SINCE) + entry.offset * day).toISOString(), {
              severity: entry.severity,
              drill: entry.drill,
            }),
          );
          const { weekly } = computeRecurrence(incidents, SINCE, UNTIL);
          const counted = weekly.reduce(
            (sum, week) => sum + Object.values(week.bySeverity).reduce((a, b) => a + b, 0),
            0,
          );
          const expected = incidents.filter(
            ({ incident }) =>
              !incident.drill && incident.declaredAt >= SINCE && incident.declaredAt < UNTIL,
          ).length;
          expect(counted).toBe(expected);
          for (let index = 1; index < weekly.length; index++)
            expect(Date.parse(weekly[index]!.week) - Date.parse(weekly[index - 1]!.week)).toBe(
              7 * day,
            );
        },
      ),
    );
  });

  it("weeks start on Monday (UTC)", () => {
    expect(weekOf("2026-11-22T23:59:00.000Z")).toBe("2026-11-16");
    expect(weekOf("2026-11-16T00:00:00.000Z")).toBe("2026-11-16");
  });

  it("the HTML page carries the weekly chart: a stacked bar per severity and week", () => {
    const recurrence = computeRecurrence(history, SINCE, UNTIL);
    const report = computeReport(history, SINCE, UNTIL, { 1: 10, 2: 30, 3: 0, 4: 0 }, [1, 2]);
    const page = renderReportHtml(report, recurrence);
    expect(page).toContain('aria-label="Incidents per week by severity"');
    // Three weeks with incidents, one severity each (11-09 holds two Sev-2 in one segment).
    expect(page.match(/<rect class="week sev/g)).toHaveLength(3);
    expect(page).toContain("<title>2026-11-09: 2 × Sev-2</title>");
    expect(page).not.toMatch(/<script|src=|href=/);
  });
});
