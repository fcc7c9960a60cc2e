import type { SevbotConfig } from "../config/schema.js";
import { SEVERITIES } from "./model.js";
import { severityLabel } from "./severity.js";

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

const SEVERITY_COLORS = { 1: "b60205", 2: "d93f0b", 3: "fbca04", 4: "c2e0c6" } as const;

/** Every label sevbot uses, with colours and descriptions, derived from the config. */
export function desiredLabels(config: SevbotConfig): LabelSpec[] {
  const { statusLabels: status, escalation, resolution, security, reports, tracker } = config;
  const labels: LabelSpec[] = [
    ...SEVERITIES.map((severity) => ({
      name: severityLabel(severity, config.severity.labels),
      color: SEVERITY_COLORS[severity],
      description: `Sev-${severity} (${config.severity.definitions[severity].name})`.slice(0, 100),
    })),
    ...SEVERITIES.map((severity) => ({
      name: reports.proposedLabel.replace("N", String(severity)),
      color: "ededed",
      description: `Sev-${severity} proposed by the reporter; triage confirms`,
    })),
    {
      name: status.active,
      color: "b60205",
      description: "Incident declared, not acknowledged yet",
    },
    {
      name: status.acknowledged,
      color: "d93f0b",
      description: "Incident acknowledged; someone leads it",
    },
    { name: status.mitigated, color: "fbca04", description: "Impact contained, not resolved yet" },
    { name: status.resolved, color: "0e8a16", description: "Incident resolved" },
    { name: escalation.overdueLabel, color: "e99695", description: "A status update is overdue" },
    { name: tracker.logLabel, color: "5319e7", description: "Incident log kept by sevbot" },
    ...resolution.followUpLabels.map((name) => ({
      name,
      color: "1d76db",
      description: "Follow-up of an incident",
    })),
    ...resolution.postMortemLabels.map((name) => ({
      name,
      color: "0052cc",
      description: "Post-mortem of an incident",
    })),
    ...security.labels.map((name) => ({ name, color: "b60205", description: "Security report" })),
    ...security.releaseLabels.map((name) => ({
      name,
      color: "d4c5f9",
      description: "Ships in a security release",
    })),
  ];
  const seen = new Set<string>();
  return labels.filter(
    (label) => !seen.has(label.name.toLowerCase()) && seen.add(label.name.toLowerCase()),
  );
}

export interface LabelPlan {
  create: LabelSpec[];
  update: LabelSpec[];
}

/** Desired-state reconciliation: create what is missing, update what differs, leave the rest. */
export function planLabels(existing: LabelSpec[], desired: LabelSpec[]): LabelPlan {
  const byName = new Map(existing.map((label) => [label.name.toLowerCase(), label]));
  const plan: LabelPlan = { create: [], update: [] };
  for (const label of desired) {
    const current = byName.get(label.name.toLowerCase());
    if (!current) plan.create.push(label);
    else if (
      current.color.toLowerCase() !== label.color ||
      (current.description ?? "") !== label.description
    )
      plan.update.push(label);
  }
  return plan;
}
