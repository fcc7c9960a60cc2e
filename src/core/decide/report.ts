import type { SevbotConfig } from "../../config/schema.js";
import type { Action } from "../actions.js";
import { codename } from "../codename.js";
import { hasAtLeast } from "../commands/permissions.js";
import type { Actor, IssueSnapshot } from "../events.js";
import { reportAnswers } from "../issue-form.js";
import { isSecurityReport } from "../security.js";
import { mentionAll } from "../mentions.js";
import { issueKey, type Permission } from "../model.js";
import { ownersFor } from "../owners.js";
import { slackIdsFor } from "../slack-ids.js";
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
 * investigated, without anything being confirmed; and it is true: the security people
 * (`security.engage`, else the component's owners) are mentioned in that reply and messaged at
 * once, whether or not a severity is set yet. People with write access are the team itself: no
 * thanks, only the engagement.
 */
export function securityAcknowledgement(
  issue: IssueSnapshot,
  permission: Permission | undefined,
  { config }: DecideContext,
  declaredAsDrill = false,
): Action[] {
  if (!isSecurityReport(issue, config)) return [];
  // A drill stays one when its label is taken off (the incident says so; the label may not).
  const drill = declaredAsDrill || hasLabel(issue, config.drills.label);
  const engaged = securityPeople(issue, drill, config);
  const engagedLine = engaged.length > 0 ? `🔒 Engaged: ${mentionAll(engaged)}.` : "";
  const team = hasAtLeast(permission ?? "none", "write");
  const reply: Action[] = team
    ? engagedLine
      ? [{ kind: "comment", key: "security-engage", issue: issue.ref, body: engagedLine }]
      : []
    : [
        {
          kind: "comment",
          key: "security-ack",
          issue: issue.ref,
          body: [config.security.acknowledgement, engagedLine].filter(Boolean).join("\n\n"),
        },
      ];
  return [...reply, ...securityNotice(issue, engaged, drill, config)];
}

function hasLabel(issue: IssueSnapshot, label: string): boolean {
  return issue.labels.some((name) => name.toLowerCase() === label.toLowerCase());
}

function securityPeople(issue: IssueSnapshot, drill: boolean, config: SevbotConfig): string[] {
  const people = config.security.engage.length
    ? config.security.engage
    : ownersFor(issue.labels, config);
  if (!drill) return people;
  const allowed = new Set(config.drills.participants.map((user) => user.toLowerCase()));
  return people.filter((user) => allowed.has(user.toLowerCase()));
}

/** A direct message to the engaged people only: a report's title never goes to a channel. */
function securityNotice(
  issue: IssueSnapshot,
  engaged: string[],
  drill: boolean,
  config: SevbotConfig,
): Action[] {
  if (engaged.length === 0) return [];
  const slackIds = slackIdsFor(engaged, config);
  const title = `Security report ${codename(issueKey(issue.ref))}`;
  return [
    {
      kind: "notify",
      key: "security-report",
      notification: {
        key: "security-report",
        incidentKey: issueKey(issue.ref),
        kind: "security-report",
        // Not a severity yet: 1 puts it first in the queue; messages name it by its kind.
        severity: 1,
        title,
        text: "A security report was opened and you are engaged: please look at it now.",
        url: issue.url,
        targets: {
          channels: [],
          users: engaged,
          emails: [],
          page: false,
          onlyTargets: true,
          ...(Object.keys(slackIds).length > 0 ? { slackIds } : {}),
        },
        ...(drill ? { drill: true } : {}),
      },
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
