import { SEVERITIES } from "../model.js";
import type { Completion, RecurrenceGroup, RecurrenceReport } from "../recurrence.js";
import { formatMeanMinutes } from "./format.js";

const minutes = formatMeanMinutes;
const completion = ({ done, total }: Completion) => (total === 0 ? "—" : `${done}/${total}`);
const recurs = (entry: RecurrenceGroup) =>
  entry.incidents >= 2 ? `yes, ${entry.incidents}×` : "no";
const span = (entry: RecurrenceGroup) =>
  entry.firstAt.slice(0, 10) === entry.lastAt.slice(0, 10)
    ? entry.firstAt.slice(0, 10)
    : `${entry.firstAt.slice(0, 10)} – ${entry.lastAt.slice(0, 10)}`;

const HEADINGS = [
  "Incidents",
  "Recurs",
  "Declared",
  "Worst",
  "MTTA",
  "MTTR",
  "Follow-ups done",
  "Action items done",
];

function cells(entry: RecurrenceGroup): string[] {
  return [
    String(entry.incidents),
    recurs(entry),
    span(entry),
    `Sev-${entry.worstSeverity}`,
    minutes(entry.meanTimeToAcknowledge),
    minutes(entry.meanTimeToResolve),
    completion(entry.followUps),
    completion(entry.actionItems),
  ];
}

const mdCell = (text: string) => text.replace(/\|/g, "\\|").replace(/`/g, "'");

function markdownTable(first: string, groups: RecurrenceGroup[]): string[] {
  return [
    `| ${first} | ${HEADINGS.join(" | ")} |`,
    `| ${["---", ...HEADINGS.map(() => "---")].join(" | ")} |`,
    ...groups.map((entry) => `| \`${mdCell(entry.key)}\` | ${cells(entry).join(" | ")} |`),
  ];
}

/** Recurrence sections of the Markdown report. */
export function renderRecurrenceMarkdown(recurrence: RecurrenceReport): string {
  return [
    "",
    "## By component",
    "",
    ...markdownTable("Component", recurrence.byComponent),
    "",
    "## Recurring error signatures",
    "",
    ...(recurrence.bySignature.length > 0
      ? markdownTable("Error signature", recurrence.bySignature)
      : ["No error signature was seen in two incidents."]),
    "",
    `${recurrence.singleSignatures} error signature key(s) seen in one incident only.`,
  ].join("\n");
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function htmlTable(first: string, groups: RecurrenceGroup[]): string {
  const head = [first, ...HEADINGS].map((name) => `<th>${escape(name)}</th>`).join("");
  const rows = groups
    .map(
      (entry) =>
        `<tr${entry.incidents >= 2 ? ' class="recurs"' : ""}><th><code>${escape(entry.key)}</code></th>${cells(
          entry,
        )
          .map((cell) => `<td>${escape(cell)}</td>`)
          .join("")}</tr>`,
    )
    .join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** Incidents per week as stacked bars, one colour per severity, with a legend; inline SVG. */
export function weeklyChart(recurrence: RecurrenceReport): string {
  const weeks = recurrence.weekly;
  const totals = weeks.map((week) => SEVERITIES.reduce((sum, s) => sum + week.bySeverity[s], 0));
  const max = Math.max(1, ...totals);
  const barWidth = Math.max(4, Math.min(24, Math.floor(640 / Math.max(1, weeks.length)) - 2));
  const height = 160;
  const top = 46;
  // Room for the legend's four entries under the title however few the weeks.
  const width = Math.max(300, 60 + weeks.length * (barWidth + 2) + 20);
  const bars = weeks
    .map((week, index) => {
      const x = 50 + index * (barWidth + 2);
      let y = top + height;
      return SEVERITIES.filter((s) => week.bySeverity[s] > 0)
        .map((severity) => {
          const count = week.bySeverity[severity];
          const h = (count / max) * height;
          y -= h;
          return `<rect class="week sev${severity}" x="${x}" y="${y.toFixed(1)}" width="${barWidth}" height="${h.toFixed(1)}"><title>${week.week}: ${count} × Sev-${severity}</title></rect>`;
        })
        .join("");
    })
    .join("");
  const labels = weeks
    .map((week, index) =>
      index % Math.max(1, Math.ceil(weeks.length / 8)) === 0
        ? `<text class="label" x="${50 + index * (barWidth + 2)}" y="${top + height + 16}">${week.week.slice(5)}</text>`
        : "",
    )
    .join("");
  const legend = SEVERITIES.map(
    (severity, index) =>
      `<rect class="legend sev${severity}" x="${50 + index * 62}" y="24" width="12" height="12"/><text class="label" x="${66 + index * 62}" y="34">Sev-${severity}</text>`,
  ).join("");
  const axis = `<text class="label" x="0" y="${top + 10}">${max}</text><text class="label" x="0" y="${top + height}">0</text><line x1="46" y1="${top + height}" x2="${width - 10}" y2="${top + height}" stroke="#d0d7de"/>`;
  return `<figure><svg role="img" aria-label="Incidents per week by severity" viewBox="0 0 ${width} ${top + height + 24}" width="${width}" height="${top + height + 24}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="16" class="title">Incidents per week by severity</text>${legend}${axis}${bars}${labels}</svg></figure>`;
}

/** Recurrence sections of the HTML report: the weekly chart, then the groups. */
export function renderRecurrenceHtml(recurrence: RecurrenceReport): string {
  return [
    weeklyChart(recurrence),
    "<h2>By component</h2>",
    htmlTable("Component", recurrence.byComponent),
    "<h2>Recurring error signatures</h2>",
    recurrence.bySignature.length > 0
      ? htmlTable("Error signature", recurrence.bySignature)
      : "<p>No error signature was seen in two incidents.</p>",
    `<p>${recurrence.singleSignatures} error signature key(s) seen in one incident only.</p>`,
  ].join("\n");
}
