import type { Action } from "../actions.js";
import { hasAtLeast } from "../commands/permissions.js";
import type { Actor, IssueSnapshot } from "../events.js";
import { reportAnswers } from "../issue-form.js";
import { isSecurityReport } from "../security.js";
import { mentionAll } from "../mentions.js";
import type { Permission } from "../model.js";
import { severityName } from "../render/format.js";
import { severityLabel } from "../severity.js";
import { declareIncident } from "./declare.js";
import type { DecideContext, Decision } from "./types.js";

/**
 * An issue opened through sevbot's report form: the chosen severity becomes the label (and the
 * incident) when the author may set it; otherwise it is a proposal and triage is asked to confirm.
 * The component answer becomes the component label.
 */
/**
 * Seed 000: a security reporter hears, once, that the report is taken seriously and will be
 * investigated, without anything being confirmed. People with write access are the team itself.
 */
function securityAcknowledgement(
  issue: IssueSnapshot,
  permission: Permission | undefined,
  { config }: DecideContext,
): Action[] {
  if (!isSecurityReport(issue, config) || hasAtLeast(permission ?? "none", "write")) return [];
  return [
    {
      kind: "comment",
      key: "security-ack",
      issue: issue.ref,
      body: config.security.acknowledgement,
    },
  ];
}

/**
 * What every report gets whatever its severity: the reporter's acknowledgement and the component
 * label. Also when a later label already declared the incident before the `opened` event was
 * handled (a Sev-1 label's event overtakes the report's in the queue).
 */
export function reportBookkeeping(
  issue: IssueSnapshot,
  permission: Permission | undefined,
  context: DecideContext,
): { actions: Action[]; componentLabel: string | undefined } {
  const answers = reportAnswers(issue.body);
  const actions: Action[] = securityAcknowledgement(issue, permission, context);
  const componentLabel = answers.component
    ? `${context.config.components.labelPrefix}${answers.component}`
    : undefined;
  if (componentLabel && !issue.labels.includes(componentLabel))
    actions.push({
      kind: "add-labels",
      key: "report-component",
      issue: issue.ref,
      labels: [componentLabel],
    });
  return { actions, componentLabel };
}

export function onReport(
  issue: IssueSnapshot,
  actor: Actor,
  permission: Permission | undefined,
  context: DecideContext,
): Decision {
  const { config } = context;
  const answers = reportAnswers(issue.body);
  const { actions, componentLabel } = reportBookkeeping(issue, permission, context);
  const labels = componentLabel ? [...issue.labels, componentLabel] : issue.labels;
  if (!answers.severity) return { incident: undefined, actions };
  const label = severityLabel(answers.severity, config.severity.labels);
  if (hasAtLeast(permission ?? "none", "write")) {
    actions.push({ kind: "add-labels", key: "report-severity", issue: issue.ref, labels: [label] });
    if (!config.severity.incidents.includes(answers.severity))
      return { incident: undefined, actions };
    const declared = declareIncident(
      { ...issue, labels: [...labels, label] },
      answers.severity,
      actor,
      "chosen on the report form",
      context,
    );
    return { incident: declared.incident, actions: [...actions, ...declared.actions] };
  }
  const proposed = config.reports.proposedLabel.replace("N", String(answers.severity));
  const triage = config.reports.triage.length > 0 ? mentionAll(config.reports.triage) : "Triage";
  actions.push(
    { kind: "add-labels", key: "report-proposed", issue: issue.ref, labels: [proposed] },
    {
      kind: "comment",
      key: "report-proposed",
      issue: issue.ref,
      body: `${triage}: the reporter proposes **${severityName(answers.severity)}**. Confirm it by adding \`${label}\` (that declares the incident), or choose another severity.`,
    },
  );
  return { incident: undefined, actions };
}
