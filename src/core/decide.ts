import { withComponentLabel } from "./decide/component-label.js";
import { onSeverityUnlabeled } from "./decide/severity-unlabeled.js";
import type { SevbotConfig } from "../config/schema.js";
import { reopenOnReopen, resolveOnClose } from "./decide/close-reopen.js";
import { onCommands } from "./decide/commands.js";
import { onReport, reportBookkeeping, securityAcknowledgement } from "./decide/report.js";
import { isSecurityLabel, isSecurityReport } from "./security.js";
import { onTick } from "./decide/tick.js";
import { onRemoteAction } from "./decide/remote.js";
import { onAlert } from "./decide/alert.js";
import { declaredOnIssue, declareIncident } from "./decide/declare.js";
import { changeSeverity } from "./decide/severity-change.js";
import { triageNote } from "./decide/triage-note.js";
import { nothing, type DecideContext, type Decision } from "./decide/types.js";
import type { Actor, DomainEvent, IssueSnapshot } from "./events.js";
import { ignoreReason } from "./ignore.js";
import { withRelayedUpdates } from "./relay.js";
import { isOpen, type Incident, type Severity } from "./model.js";
import { withPagesRecorded } from "./paging.js";
import { severityOfLabel, severityOfLabels } from "./severity.js";
import { nearMissReply, nearMissSeverity } from "./severity-near-miss.js";

export type { Decision } from "./decide/types.js";

/**
 * What should happen: the next incident state and the actions to carry out. Pure: no clock, no
 * requests; `now` is handed in.
 */
export function decide(
  incident: Incident | undefined,
  event: DomainEvent,
  config: SevbotConfig,
  now: Date,
): Decision {
  const decision = withRelayedUpdates(incident, decideEvent(incident, event, config, now), config);
  // Whatever path sent a trigger, the state remembers it: acknowledge and resolve follow it.
  return { ...decision, incident: withPagesRecorded(decision.incident, decision.actions) };
}

function decideEvent(
  incident: Incident | undefined,
  event: DomainEvent,
  config: SevbotConfig,
  now: Date,
): Decision {
  if (ignoreReason(event)) return nothing(incident);
  const context: DecideContext = { config, now: now.toISOString() };
  switch (event.kind) {
    case "issue-opened": {
      const labelled = severityOfLabels(event.issue.labels, config.severity.labels);
      if (!incident && (labelled === undefined || isSecurityReport(event.issue, config)))
        return withReport(
          onReport(event.issue, event.actor, event.permission, context),
          labelled,
          event,
          context,
        );
      const decided = onSeverity(
        incident,
        event.issue,
        labelled,
        event.actor,
        "opened with a severity label",
        context,
      );
      if (!incident) return decided;
      // Declared already, by a label whose event overtook this one: the report still gets its reply and component.
      return {
        ...decided,
        actions: [
          ...reportBookkeeping(event.issue, event.permission, context).actions,
          ...decided.actions,
        ],
      };
    }
    case "issue-labeled": {
      const decided = onSeverity(
        incident,
        event.issue,
        severityOfLabel(event.label, config.severity.labels),
        event.actor,
        `label ${event.label}`,
        context,
      );
      const labelled = withComponentLabel(decided, event, context);
      return withSecurityLabel(withNearMiss(incident, labelled, event, config), event, context);
    }
    case "issue-unlabeled":
      return onSeverityUnlabeled(incident, event, context);
    case "issue-closed":
      return incident ? resolveOnClose(incident, event.actor, context) : nothing(incident);
    case "issue-reopened":
      return incident ? reopenOnReopen(incident, event.actor, context) : nothing(incident);
    case "tick":
      return incident ? onTick(incident, event.issue.url, context) : nothing(incident);
    case "comment-created":
    case "comment-edited":
      return onCommands(incident, event, context);
    case "remote-action":
      return onRemoteAction(incident, event, context);
    case "alert":
      return onAlert(incident, event.alert, context);
    case "notification-failed":
      return incident
        ? recordNotificationFailures(incident, event.failures, context.now)
        : nothing(incident);
    default:
      return nothing(incident);
  }
}

/**
 * A label meant as a severity but spelled otherwise (`sev1`, `severity:1`) declares nothing: said
 * on the issue once per spelling, so whoever labelled it does not wait for a response that is
 * not coming.
 */
function withNearMiss(
  incident: Incident | undefined,
  decided: Decision,
  event: Extract<DomainEvent, { kind: "issue-labeled" }>,
  config: SevbotConfig,
): Decision {
  const schemes = config.severity.labels;
  if (incident || severityOfLabels(event.issue.labels, schemes) !== undefined) return decided;
  const meant = nearMissSeverity(event.label, schemes);
  if (meant === undefined) return decided;
  const key = `severity-near-miss-${event.label.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
  const body = nearMissReply(event.label, meant, schemes);
  return {
    ...decided,
    actions: [...decided.actions, { kind: "comment", key, issue: event.issue.ref, body }],
  };
}

/**
 * Seed 002: a report found to be a security problem after it was opened (triage adds the
 * `security` label) engages the security people then, as a report opened with the label does.
 * Only people who may label do so: they are the team, so the engagement, not the reporter's thanks.
 */
function withSecurityLabel(
  decided: Decision,
  event: Extract<DomainEvent, { kind: "issue-labeled" }>,
  context: DecideContext,
): Decision {
  if (!isSecurityLabel(event.label, context.config)) return decided;
  const drill = decided.incident?.drill === true;
  const engagement = securityAcknowledgement(event.issue, "write", context, drill);
  const keys = new Set(decided.actions.map((action) => action.key));
  const fresh = engagement.filter((action) => !keys.has(action.key));
  return { ...decided, actions: [...decided.actions, ...fresh] };
}

/** A notifier gave up after its retries: the timeline says so (seed 001: escalate by other means). */
function recordNotificationFailures(
  incident: Incident,
  failures: Array<{ notifier: string; error: string }>,
  now: string,
): Decision {
  const entries = failures.map((failure) => ({
    at: now,
    text: `Notification via ${failure.notifier} failed: ${failure.error}`,
  }));
  return { incident: { ...incident, timeline: [...incident.timeline, ...entries] }, actions: [] };
}

/** A security report that already carries a severity label: acknowledge and declare. */
function withReport(
  report: Decision,
  labelled: Severity | undefined,
  event: Extract<DomainEvent, { kind: "issue-opened" }>,
  context: DecideContext,
): Decision {
  if (labelled === undefined || report.incident) return report;
  const declared = onSeverity(
    undefined,
    event.issue,
    labelled,
    event.actor,
    "opened with a severity label",
    context,
  );
  return { incident: declared.incident, actions: [...report.actions, ...declared.actions] };
}

function onSeverity(
  incident: Incident | undefined,
  issue: IssueSnapshot,
  severity: Severity | undefined,
  actor: Actor,
  trigger: string,
  context: DecideContext,
): Decision {
  if (severity === undefined) return nothing(incident);
  if (incident && !isOpen(incident)) return nothing(incident);
  if (incident && severity === incident.severity)
    return { incident, actions: declaredOnIssue(incident, issue, context) };
  if (incident) {
    // The checklist and status label too (free when they are there): a declaration dropped
    // before writing them, found again by its log, gets them with its first change of severity.
    const changed = changeSeverity(incident, issue, severity, actor, context);
    const onIssue = declaredOnIssue(changed.incident ?? incident, issue, context);
    return { ...changed, actions: [...onIssue, ...changed.actions] };
  }
  if (context.config.severity.incidents.includes(severity))
    return declareIncident(issue, severity, actor, trigger, context);
  return triageNote(issue, severity, context);
}
