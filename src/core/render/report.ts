import type { Report, SeverityMetrics } from "../metrics.js";
import type { RecurrenceReport } from "../recurrence.js";
import { renderRecurrenceHtml, renderRecurrenceMarkdown } from "./recurrence.js";
import { formatMeanMinutes } from "./format.js";

const minutes = formatMeanMinutes;
const percent = (value: number | undefined) =>
  value === undefined ? "—" : `${Math.round(value * 100)}%`;

/** The report as Markdown, for an issue or a terminal. */
export function renderReportMarkdown(report: Report, recurrence?: RecurrenceReport): string {
  const rows = report.bySeverity.map(
    (m) =>
      `| Sev-${m.severity} | ${m.incidents} | ${minutes(m.meanTimeToAcknowledge)} | ${minutes(m.meanTimeToMitigate)} | ${minutes(m.meanTimeToResolve)} | ${percent(m.statusUpdateCompliance)} | ${percent(m.postMortemCompletion)} |`,
  );
  return [
    `# Incident report ${report.since.slice(0, 10)} – ${report.until.slice(0, 10)}`,
    "",
    `${report.total} incident(s)${report.drillsExcluded ? `; ${report.drillsExcluded} drill(s) excluded` : ""}.`,
    "",
    "| Severity | Incidents | MTTA | Time to mitigate | MTTR | Status-update compliance | Post-mortems done |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    ...(recurrence ? [renderRecurrenceMarkdown(recurrence)] : []),
  ].join("\n");
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A horizontal bar chart as inline SVG: one bar per severity. */
function barChart(
  title: string,
  metrics: SeverityMetrics[],
  pick: (m: SeverityMetrics) => number | undefined,
  format: (value: number | undefined) => string,
): string {
  const values = metrics.map(pick);
  const max = Math.max(1, ...values.map((value) => value ?? 0));
  const bars = metrics
    .map((m, index) => {
      const value = values[index];
      const width = value === undefined ? 0 : Math.max(2, (value / max) * 300);
      const y = 30 + index * 28;
      return `<text x="0" y="${y + 14}" class="label">Sev-${m.severity}</text><rect class="bar sev${m.severity}" x="60" y="${y}" width="${width.toFixed(1)}" height="20"><title>${escape(format(value))}</title></rect><text x="${(66 + width).toFixed(1)}" y="${y + 14}" class="value">${escape(format(value))}</text>`;
    })
    .join("");
  return `<figure><svg role="img" aria-label="${escape(title)}" viewBox="0 0 460 150" width="460" height="150" xmlns="http://www.w3.org/2000/svg"><text x="0" y="16" class="title">${escape(title)}</text>${bars}</svg></figure>`;
}

/** A self-contained page: no scripts, no external resources, charts as inline SVG. */
export function renderReportHtml(report: Report, recurrence?: RecurrenceReport): string {
  const table = report.bySeverity
    .map(
      (m) =>
        `<tr><th>Sev-${m.severity}</th><td>${m.incidents}</td><td>${minutes(m.meanTimeToAcknowledge)}</td><td>${minutes(m.meanTimeToMitigate)}</td><td>${minutes(m.meanTimeToResolve)}</td><td>${percent(m.statusUpdateCompliance)}</td><td>${percent(m.postMortemCompletion)}</td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Incident report ${escape(report.since.slice(0, 10))} – ${escape(report.until.slice(0, 10))}</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:2rem;color:#1f2328}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:right}th:first-child{text-align:left}
figure{display:inline-block;margin:1rem 2rem 1rem 0}.title{font-weight:600;font-size:14px}.label,.value{font-size:12px}.bar{fill:#0969da}.recurs th{color:#b60205}.sev1{fill:#b60205}.sev2{fill:#d93f0b}.sev3{fill:#bf8700}.sev4{fill:#2da44e}
</style></head><body>
<h1>Incident report</h1>
<p>${escape(report.since.slice(0, 10))} – ${escape(report.until.slice(0, 10))}: ${report.total} incident(s)${report.drillsExcluded ? `, ${report.drillsExcluded} drill(s) excluded` : ""}.</p>
<table><thead><tr><th>Severity</th><th>Incidents</th><th>MTTA</th><th>Time to mitigate</th><th>MTTR</th><th>Status-update compliance</th><th>Post-mortems done</th></tr></thead><tbody>${table}</tbody></table>
${barChart("Mean time to acknowledge", report.bySeverity, (m) => m.meanTimeToAcknowledge, minutes)}
${barChart("Mean time to resolve", report.bySeverity, (m) => m.meanTimeToResolve, minutes)}
${barChart(
  "Status-update compliance",
  report.bySeverity,
  (m) => (m.statusUpdateCompliance === undefined ? undefined : m.statusUpdateCompliance * 100),
  (v) => (v === undefined ? "—" : `${Math.round(v)}%`),
)}
${recurrence ? renderRecurrenceHtml(recurrence) : ""}
</body></html>
`;
}
