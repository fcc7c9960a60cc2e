import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeReport } from "../../src/core/metrics.js";
import { computeRecurrence } from "../../src/core/recurrence.js";
import type { Incident } from "../../src/core/model.js";
import { renderReportHtml } from "../../src/core/render/report.js";

function findChromium(): string | undefined {
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"])
    if (existsSync(candidate)) return candidate;
  try {
    return (
      execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], {
        encoding: "utf8",
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

const chromium = findChromium();
// CI installs Debian's chromium (.ci/run); on a developer machine without it the test is skipped.
const maybe = chromium || process.env.CI ? it : it.skip;
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--enable-logging=stderr",
  "--v=0",
];

function sampleHtml(): string {
  const base: Incident = {
    source: { platform: "github", repo: "a/b", number: 1 },
    title: "x",
    severity: 1,
    status: "resolved",
    declaredAt: "2026-11-01T10:00:00.000Z",
    acknowledgedAt: "2026-11-01T10:06:00.000Z",
    resolvedAt: "2026-11-01T11:00:00.000Z",
    confidential: false,
    links: {},
    timeline: [],
    done: [],
  };
  const reported = [
    { incident: { ...base, components: ["payments"] }, postMortemDone: true },
    {
      incident: {
        ...base,
        severity: 2 as const,
        acknowledgedAt: "2026-11-01T10:30:00.000Z",
        components: ["payments"],
      },
      postMortemDone: false,
    },
    {
      incident: { ...base, severity: 3 as const, declaredAt: "2026-11-12T09:00:00.000Z" },
      postMortemDone: false,
    },
  ];
  const report = computeReport(
    reported,
    "2026-10-01T00:00:00.000Z",
    "2026-11-22T00:00:00.000Z",
    { 1: 10, 2: 30, 3: 0, 4: 0 },
    [1, 2],
  );
  return renderReportHtml(
    report,
    computeRecurrence(reported, "2026-10-01T00:00:00.000Z", "2026-11-22T00:00:00.000Z"),
  );
}

describe("the HTML report in real headless Chromium", () => {
  maybe("renders, with its charts, and no console errors", () => {
    expect(
      chromium,
      "chromium must be installed in CI (.ci/run installs Debian's package)",
    ).toBeTruthy();
    const dir = mkdtempSync(join(tmpdir(), "sevbot-chromium-"));
    const page = join(dir, "report.html");
    writeFileSync(page, sampleHtml());
    const run = (extra: string[]) =>
      spawnSync(
        chromium!,
        [...FLAGS, `--user-data-dir=${join(dir, "profile")}`, ...extra, `file://${page}`],
        { encoding: "utf8", timeout: 60_000 },
      );
    const dom = run(["--dump-dom"]);
    expect(dom.status).toBe(0);
    expect(dom.stdout.match(/<svg /g)).toHaveLength(4);
    expect(dom.stdout.match(/<rect class="bar sev/g)?.length).toBe(12);
    // Incidents per week by severity: week of 10-26 holds a Sev-1 and a Sev-2 stacked, 11-09 a Sev-3.
    expect(dom.stdout).toContain('aria-label="Incidents per week by severity"');
    expect(dom.stdout.match(/<rect class="week sev/g)?.length).toBe(3);
    expect(dom.stdout).toContain("<title>2026-11-09: 1 × Sev-3</title>");
    expect(`${dom.stderr}`).not.toMatch(/CONSOLE\(|Uncaught|ERR_FILE_NOT_FOUND/);
    const shot = join(dir, "report.png");
    const screenshot = run([`--screenshot=${shot}`, "--window-size=1000,800"]);
    expect(screenshot.status).toBe(0);
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  });
});
