import type { Action } from "../actions.js";
import { mentionAll } from "../mentions.js";
import { issueKey, type Incident } from "../model.js";
import { formatDuration, severityName } from "../render/format.js";
import { incidentDisplayTitle } from "../render/log-issue.js";
import type { DecideContext } from "./types.js";

/**
 * One reminder per missed cadence while no update comes (later ticks after downtime send only the
 * latest); from the second miss on, the incident's channel is told as well.
 */
export function remindStatus(
  incident: Incident,
  now: Date,
  url: string,
  { config }: DecideContext,
): { incident: Incident; actions: Action[] } {
  const every = config.escalation.statusEvery[incident.severity];
  // Before someone acknowledges, escalation is what runs; updates are asked of the responders.
  if (every <= 0 || incident.status === "declared") return { incident, actions: [] };
  const from = statusCadenceStart(incident);
  const missed = Math.floor((now.getTime() - Date.parse(from)) / (every * 60_000));
  if (missed < 1) return { incident, actions: [] };
  // The first reminder keeps the key it always had (its marker may be on the issue already).
  const key = `status-reminder-${Date.parse(from)}${missed > 1 ? `-${missed}` : ""}`;
  if (incident.done.includes(key) || (missed === 1 && incident.statusOverdue))
    return { incident, actions: [] };
  const who = incident.lead ?? incident.acknowledgedBy;
  const since = formatDuration(from, now.toISOString());
  const body = `⏱️ Status update overdue: none for ${since} (every ${every} min for ${severityName(incident.severity)}${missed > 1 ? `; reminder ${missed}` : ""}). ${who ? mentionAll([who]) : "Incident Lead"}, post one with \`/status <text>\`.`;
  const actions: Action[] = [{ kind: "comment", key, issue: incident.source, body }];
  if (!incident.statusOverdue)
    actions.push({
      kind: "add-labels",
      key: `${key}-label`,
      issue: incident.source,
      labels: [config.escalation.overdueLabel],
    });
  if (missed >= 2 && !incident.drill)
    actions.push(
      overdueNotice(
        incident,
        key,
        `${severityName(incident.severity)} status update overdue: none for ${since} (every ${every} min). Incident Lead: ${who ?? "nobody"}.`,
        url,
        config,
      ),
    );
  return {
    incident: { ...incident, statusOverdue: true, done: [...incident.done, key] },
    actions,
  };
}

/** The cadence runs from the last update, acknowledgement, reopen or change of lead. */
export function statusCadenceStart(incident: Incident): string {
  const restarts = [incident.lastStatusAt, incident.statusCadenceFrom].filter(
    (at): at is string => at !== undefined,
  );
  if (restarts.length > 0) return restarts.reduce((a, b) => (a > b ? a : b));
  return incident.acknowledgedAt ?? incident.declaredAt;
}

/** The incident's channels (the policy's first step, and its war room) hear of a lasting silence. */
function overdueNotice(
  incident: Incident,
  key: string,
  text: string,
  url: string,
  config: DecideContext["config"],
): Action {
  const channels = [
    ...(config.escalation.policies[incident.severity].steps[0]?.notify.channels ?? []),
    ...(incident.warRoom ? [`#${incident.warRoom.name}`] : []),
  ];
  return {
    kind: "notify",
    key: `${key}-notify`,
    notification: {
      key: `${key}-notify`,
      incidentKey: issueKey(incident.source),
      kind: "status-reminder",
      severity: incident.severity,
      title: incidentDisplayTitle(incident, ""),
      text,
      url,
      targets: { channels, users: [], emails: [], page: false },
    },
  };
}
