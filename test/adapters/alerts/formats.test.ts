import { describe, expect, it } from "vitest";
import { parseAlerts } from "../../../src/adapters/alerts/formats.js";
import { alertGroupId, alertIssue, alertSeverity } from "../../../src/core/alerts/issue.js";
import type { AlertGroup } from "../../../src/core/alerts/types.js";
import { decide } from "../../../src/core/decide.js";
import type { Incident } from "../../../src/core/model.js";
import { config, labeled, NOW, ref } from "../../helpers/builders.js";
import { vendorFixture } from "../../helpers/inbound.js";

const group = (source: "alertmanager" | "grafana" | "generic", name: string): AlertGroup => {
  const parsed = parseAlerts(source, vendorFixture("alerts", name));
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  return parsed.group;
};

describe("alert payloads → one alert group", () => {
  it("Alertmanager v4: summary, labels, start, runbook and generator links; keyed by its groupKey", () => {
    const firing = group("alertmanager", "alertmanager.firing.json");
    expect(firing).toMatchObject({
      status: "firing",
      title: "Probe failure: https://shop.example.org",
      labels: { severity: "critical", alertname: "ProbeFailure" },
    });
    expect(firing.alerts[0]).toMatchObject({
      startsAt: "2026-11-22T13:58:45.828Z",
      fingerprint: "1a30ba71cca2921f",
    });
    expect(firing.alerts[0]!.endsAt).toBeUndefined(); // the zero time means "not ended"
    const resolved = group("alertmanager", "alertmanager.resolved.json");
    expect(alertGroupId(resolved)).toBe(alertGroupId(firing));
    expect(resolved.alerts[0]!.endsAt).toBe("2026-11-22T14:31:45.828Z");
  });

  it("Grafana without grouping: keyed by its alerts' fingerprints (its groupKey {}:{} is shared)", () => {
    const grafana = group("grafana", "grafana.firing.json");
    expect(grafana.key).toBe("bc97ff14869b13e3,c6eadffa33fcdf37");
    expect(grafana.alerts[0]!.links.map((link) => link.name)).toEqual([
      "Runbook",
      "Source",
      "Silence",
    ]);
  });

  it("the generic JSON", () => {
    const generic = group("generic", "generic.firing.json");
    expect(generic).toMatchObject({ key: "checkout-error-rate", labels: { severity: "critical" } });
    expect(generic.links).toHaveLength(2);
  });

  it.each([
    ["alertmanager", { version: "3", alerts: [] }, /version/],
    [
      "alertmanager",
      { ...vendorFixture("alerts", "alertmanager.firing.json"), alerts: [] },
      /alerts/,
    ],
    ["grafana", { receiver: "x" }, /groupKey|alerts|status/],
    ["generic", { title: "no key" }, /key/],
    [
      "generic",
      { key: "k", title: "t", links: [{ title: "x", url: "javascript:alert(1)" }] },
      /url/i,
    ],
  ] as const)("%s: %j is refused with the field named", (source, body, problem) => {
    const parsed = parseAlerts(source, body);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.problems.join("\n")).toMatch(problem);
  });
});

describe("an alert group's issue and what happens when the group comes back", () => {
  const settings = config({
    alerts: { label: "severity", severity: { critical: 1, warning: 3 }, labels: ["alert"] },
  });

  it("the severity comes from alerts.severity; an unmapped value opens nothing", () => {
    expect(alertSeverity(group("alertmanager", "alertmanager.firing.json"), settings)).toBe(1);
    expect(alertSeverity(group("grafana", "grafana.firing.json"), settings)).toBeUndefined();
  });

  it("the issue carries the severity label, the summary, labels, start time, links and the marker", () => {
    const firing = group("alertmanager", "alertmanager.firing.json");
    const issue = alertIssue(firing, 1, settings);
    expect(issue.labels).toEqual(["severity::1", "alert"]);
    expect(issue.title).toBe("[alert] Probe failure: https://shop.example.org");
    expect(issue.body).toContain("severity=critical");
    expect(issue.body).toContain("2026-11-22 13:58 UTC");
    expect(issue.body).toContain("[Runbook](https://runbooks.example.org/probe-failure)");
    expect(issue.body).toContain("[Source](http://prometheus.example.org:9090/graph?");
    expect(issue.body).toContain(`<!-- sevbot:alert-group ${alertGroupId(firing)} -->`);
  });

  it("alert text cannot ping anyone", () => {
    const firing = { ...group("generic", "generic.firing.json"), title: "ping @everyone" };
    expect(alertIssue(firing, 1, settings).title).not.toContain("@everyone");
  });

  const declared = (): Incident => ({
    ...decide(undefined, labeled("severity::1"), settings, NOW).incident!,
    log: ref(100),
  });
  const alertEvent = (alert: AlertGroup) => ({
    kind: "alert" as const,
    issue: { ...labeled("severity::1").issue },
    actor: { login: "alertmanager", isBot: false },
    alert,
  });

  it("firing again: one comment per half hour, however often it comes", () => {
    const firing = group("alertmanager", "alertmanager.firing.json");
    let incident = declared();
    const comments: string[] = [];
    for (let minute = 1; minute < 60; minute++) {
      const result = decide(
        incident,
        alertEvent(firing),
        settings,
        new Date(NOW.getTime() + minute * 60_000),
      );
      incident = result.incident!;
      for (const action of result.actions)
        if (action.kind === "comment") comments.push(action.body);
    }
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatch(/^🔔 The alert is firing again \(1 firing\)/);
  });

  it("resolved: a timeline entry, never a resolution; redelivered, nothing more", () => {
    const resolved = group("alertmanager", "alertmanager.resolved.json");
    const first = decide(
      declared(),
      alertEvent(resolved),
      settings,
      new Date(NOW.getTime() + 40 * 60_000),
    );
    expect(first.incident!.status).toBe("declared");
    expect(first.incident!.timeline.at(-1)!.text).toBe(
      "Alert resolved at 2026-11-22 14:31 UTC: Probe failure: https://shop.example.org",
    );
    expect(first.actions.filter((action) => action.kind !== "notify")).toEqual([]);
    const again = decide(
      first.incident,
      alertEvent(resolved),
      settings,
      new Date(NOW.getTime() + 41 * 60_000),
    );
    expect(again.incident).toEqual(first.incident);
  });
});
