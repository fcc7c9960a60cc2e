import { neutralizeMentions } from "../mentions.js";
import type { IssueRef, Severity } from "../model.js";

export function severityName(severity: Severity): string {
  return `Sev-${severity}`;
}

/** A cross-reference GitHub and GitLab both link: `#12` in the same repo, `owner/repo#12` otherwise. */
export function issueLink(ref: IssueRef, from?: IssueRef): string {
  if (from && from.repo === ref.repo && from.platform === ref.platform) return `#${ref.number}`;
  return `${ref.repo}#${ref.number}`;
}

/** Text inside an inline code span cannot break out of it or render Markdown. */
export function codeSpan(text: string): string {
  const clean = neutralizeMentions(text).replace(/`/g, "'").replace(/\s+/g, " ").trim();
  return `\`${clean}\``;
}

/** Whole minutes between two ISO instants, shown as `1 h 05 min`. */
export function formatDuration(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return `${hours} h ${String(rest).padStart(2, "0")} min`;
}

/** A report's mean time, in minutes: `42 min` under two hours, `3.5 h` from there, `—` if none. */
export function formatMeanMinutes(value: number | undefined): string {
  if (value === undefined) return "—";
  return value < 120 ? `${Math.round(value)} min` : `${(value / 60).toFixed(1)} h`;
}

/** `2026-11-22 14:05 UTC` — one unambiguous zone for people in several timezones. */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
