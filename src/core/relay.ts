import type { SevbotConfig } from "../config/schema.js";
import type { Action } from "./actions.js";
import type { Decision } from "./decide/types.js";
import { issueKey, type Incident } from "./model.js";
import type { NotificationKind } from "./notification.js";
import { incidentDisplayTitle } from "./render/log-issue.js";
import { slackIdsFor } from "./slack-ids.js";

interface Update {
  kind: NotificationKind;
  text: string;
  /** People told directly as well (seed 002: a mitigation decision goes to the directors). */
  users?: string[];
}

/**
 * Updates leave the issue: a status update, a mitigation decision, mitigation, a severity change,
 * a hand-over or a new Incident Lead is relayed to the incident's channels and war room, each as
 * its own notification kind. Found by comparing the incident before and after the decision, so
 * every path that changes these (commands, labels, Slack, PagerDuty) relays the same way. A
 * confidential incident's text stays on the issue; a drill's stays between its participants.
 */
export function withRelayedUpdates(
  before: Incident | undefined,
  decision: Decision,
  config: SevbotConfig,
): Decision {
  const after = decision.incident;
  if (!before || !after || after.drill)
    return { ...decision, actions: withWarRoom(decision, after) };
  // A raise already runs the new severity's first escalation step, to the same channels.
  const announced = decision.actions.some(
    (action) =>
      action.kind === "notify" &&
      (action.notification.kind === "escalate" || action.notification.kind === "declare"),
  );
  const updates = updatesBetween(before, after, config).filter(
    (update) => !(announced && update.kind === "severity"),
  );
  const step = after.timeline.length;
  const notices = updates
    .map((update) => relayNotice(after, update, config, step))
    .filter(
      (notice) =>
        notice.kind === "notify" &&
        (notice.notification.targets.channels.length > 0 ||
          notice.notification.targets.users.length > 0),
    );
  return { ...decision, actions: [...withWarRoom(decision, after), ...notices] };
}

function updatesBetween(before: Incident, after: Incident, config: SevbotConfig): Update[] {
  const updates: Update[] = [];
  const latest = (prefix: RegExp) =>
    [...after.timeline].reverse().find((entry) => prefix.test(entry.text))?.text;
  if (after.lastStatusAt && after.lastStatusAt !== before.lastStatusAt)
    updates.push({ kind: "status", text: latest(/^Status: /) ?? "Status updated" });
  if (after.mitigationDecision && after.mitigationDecision !== before.mitigationDecision)
    updates.push({
      kind: "decision",
      text: `Mitigation decided: ${after.mitigationDecision}`,
      users: config.mitigation.notify,
    });
  if (after.status === "mitigated" && before.status !== "mitigated")
    updates.push({ kind: "mitigated", text: latest(/^Mitigated/) ?? "Mitigated" });
  if (after.severity !== before.severity)
    updates.push({ kind: "severity", text: latest(/^Severity /) ?? "Severity changed" });
  if (after.pendingHandoff && after.pendingHandoff !== before.pendingHandoff)
    updates.push({
      kind: "handoff",
      text: `Hand-over offered: ${after.pendingHandoff.from} → ${after.pendingHandoff.to}`,
    });
  // An acknowledgement names its lead in its own notification.
  if (after.lead && before.lead && after.lead !== before.lead)
    updates.push({ kind: "lead", text: `Incident Lead: ${before.lead} → ${after.lead}` });
  return updates;
}

/** Where an incident's updates go: the channels of its policy's first step, and its war room. */
export function incidentChannels(incident: Incident, config: SevbotConfig): string[] {
  const first = config.escalation.policies[incident.severity].steps[0];
  const room = incident.warRoom ? [`#${incident.warRoom.name}`] : [];
  return [...new Set([...(first?.notify.channels ?? []), ...room])];
}

function relayNotice(
  incident: Incident,
  update: Update,
  config: SevbotConfig,
  step: number,
): Action {
  const users = update.users ?? [];
  const slackIds = slackIdsFor(users, config);
  const key = `relay-${update.kind}-${step}`;
  // A confidential incident's words stay on the issue; the channels learn that something changed.
  const text = incident.confidential ? `${kindName(update.kind)} (see the issue)` : update.text;
  return {
    kind: "notify",
    key,
    notification: {
      key,
      incidentKey: issueKey(incident.source),
      kind: update.kind,
      severity: incident.severity,
      title: incidentDisplayTitle(incident, ""),
      text,
      url: incident.url ?? "",
      targets: {
        channels: incidentChannels(incident, config),
        users,
        emails: [],
        page: false,
        ...(Object.keys(slackIds).length > 0 ? { slackIds } : {}),
      },
    },
  };
}

function kindName(kind: NotificationKind): string {
  const names: Partial<Record<NotificationKind, string>> = {
    status: "Status update",
    decision: "Mitigation decided",
    mitigated: "Mitigated",
    severity: "Severity changed",
    handoff: "Hand-over offered",
    lead: "Incident Lead changed",
  };
  return names[kind] ?? "Update";
}

/** The milestones (acknowledged, resolved) reach the war room too, once there is one. */
function withWarRoom(decision: Decision, incident: Incident | undefined): Action[] {
  if (!incident?.warRoom || incident.drill) return decision.actions;
  const room = `#${incident.warRoom.name}`;
  return decision.actions.map((action) =>
    action.kind === "notify" &&
    (action.notification.kind === "acknowledge" || action.notification.kind === "resolve") &&
    action.notification.targets.channels.length > 0 &&
    !action.notification.targets.channels.includes(room)
      ? {
          ...action,
          notification: {
            ...action.notification,
            targets: {
              ...action.notification.targets,
              channels: [...action.notification.targets.channels, room],
            },
          },
        }
      : action,
  );
}
