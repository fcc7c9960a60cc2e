import type { SevbotConfig } from "../../config/schema.js";
import { fnv1a } from "../codename.js";
import { neutralizeMentions } from "../mentions.js";
import type { Severity } from "../model.js";
import { formatInstant } from "../render/format.js";
import { severityLabel } from "../severity.js";
import type { AlertGroup, AlertLink } from "./types.js";

/** A stable id for an alert group (64 bits from two FNV-1a passes): the issue's hidden marker. */
export function alertGroupId(group: Pick<AlertGroup, "source" | "key">): string {
  const text = `${group.source}\n${group.key}`;
  const hex = (value: number) => value.toString(16).padStart(8, "0");
  return `${hex(fnv1a(text))}${hex(fnv1a(`${text}\n#`))}`;
}

export function alertGroupMarker(id: string): string {
  return `<!-- sevbot:alert-group ${id} -->`;
}

/** The severity the config gives the group's label (`alerts.label`), on any of its alerts. */
export function alertSeverity(group: AlertGroup, config: SevbotConfig): Severity | undefined {
  const { label, severity } = config.alerts;
  const values = [group.labels[label], ...group.alerts.map((alert) => alert.labels[label])];
  const levels = values.flatMap((value) =>
    value !== undefined && severity[value] !== undefined ? [severity[value] as Severity] : [],
  );
  return levels.length > 0 ? (Math.min(...levels) as Severity) : undefined;
}

export interface AlertIssue {
  title: string;
  body: string;
  labels: string[];
}

/**
 * The issue a firing group opens: its summary, labels, start time and links (runbook, dashboard,
 * the rule that fired) as the reproduction details, and the group's marker. Alert text comes from
 * outside: it can never ping anyone.
 */
export function alertIssue(
  group: AlertGroup,
  severity: Severity,
  config: SevbotConfig,
): AlertIssue {
  const first = group.alerts[0];
  const summary = first?.summary ?? group.title;
  const description = first?.description;
  const startsAt = group.alerts
    .map((alert) => alert.startsAt)
    .filter((at): at is string => Boolean(at))
    .sort()[0];
  const labels = Object.entries(group.labels).sort(([a], [b]) => a.localeCompare(b));
  const links = uniqueLinks([...group.links, ...group.alerts.flatMap((alert) => alert.links)]);
  const body = [
    `**${group.source} alert:** ${summary}`,
    ...(description && description !== summary ? ["", description] : []),
    "",
    `**Started:** ${startsAt ? formatInstant(startsAt) : "unknown"} · **Alerts firing:** ${group.alerts.filter((alert) => alert.status === "firing").length}`,
    ...(links.length > 0
      ? ["", `**Links:** ${links.map((link) => `[${link.name}](${link.url})`).join(" · ")}`]
      : []),
    "",
    "```",
    ...labels.map(([name, value]) => `${name}=${value}`),
    ...(startsAt ? [`${startsAt} ALERT ${group.status.toUpperCase()}: ${summary}`] : []),
    "```",
    "",
    alertGroupMarker(alertGroupId(group)),
  ].join("\n");
  return {
    title: neutralizeMentions(`[alert] ${group.title}`).slice(0, 250),
    body: neutralizeMentions(body),
    labels: [severityLabel(severity, config.severity.labels), ...config.alerts.labels],
  };
}

function uniqueLinks(links: AlertLink[]): AlertLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    if (seen.has(link.url) || !/^https?:\/\//i.test(link.url)) return false;
    seen.add(link.url);
    return true;
  });
}
