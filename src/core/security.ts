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
