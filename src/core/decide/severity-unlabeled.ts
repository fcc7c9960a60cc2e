import type { DomainEvent } from "../events.js";
import type { Incident } from "../model.js";
import { severityLabel, severityOfLabel, severityOfLabels } from "../severity.js";
import { withEntry } from "./command-step.js";
import type { DecideContext, Decision } from "./types.js";

const REMOVED = "Severity label removed";

/**
 * The incident's severity label removed while it runs (by mistake, or meaning "not an
 * incident"): the incident goes on, and so does its paging or its status reminders. Said once
 * per removal, with how to change the severity or end it, so nobody wonders why pages continue.
 * Another severity label still on the issue is a change of severity, handled when it was added.
 */
export function onSeverityUnlabeled(
  incident: Incident | undefined,
  event: Extract<DomainEvent, { kind: "issue-unlabeled" }>,
  { config, now }: DecideContext,
): Decision {
  const schemes = config.severity.labels;
  const removed = severityOfLabel(event.label, schemes);
  if (!incident || incident.status === "resolved" || removed !== incident.severity)
    return { incident, actions: [] };
  if (severityOfLabels(event.issue.labels, schemes) !== undefined) return { incident, actions: [] };
  const earlier = incident.timeline.filter((entry) => entry.text.startsWith(REMOVED)).length;
  const goesOn =
    incident.status === "declared"
      ? "paging goes on until someone replies `/ack`"
      : "status-update reminders go on";
  const label = severityLabel(incident.severity, schemes);
  const body =
    `\`${event.label}\` was removed, but the Sev-${incident.severity} incident is still active: ` +
    `${goesOn}. To change its severity, \`/sev N\` or add another severity label; to end it, ` +
    `\`/resolve\`. Adding \`${label}\` back shows its severity again.`;
  return {
    incident: withEntry(incident, now, `${REMOVED}: ${event.label}`, event.actor.login),
    actions: [
      {
        kind: "comment",
        key: `severity-label-removed-${earlier + 1}`,
        issue: incident.source,
        body,
      },
    ],
  };
}
