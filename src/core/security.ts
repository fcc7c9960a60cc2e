import type { SevbotConfig } from "../config/schema.js";
import type { IssueSnapshot } from "./events.js";

/** A report on the security template, or labelled as security. */
export function isSecurityReport(issue: IssueSnapshot, config: SevbotConfig): boolean {
  const labels = new Set(issue.labels.map((label) => label.toLowerCase()));
  return (
    config.security.labels.some((label) => labels.has(label.toLowerCase())) ||
    /^\[security\]/i.test(issue.title)
  );
}

/** One of `security.labels` (case-insensitive): adding it makes a report a security report. */
export function isSecurityLabel(label: string, config: SevbotConfig): boolean {
  const wanted = label.toLowerCase();
  return config.security.labels.some((name) => name.toLowerCase() === wanted);
}
