import type { SevbotConfig } from "../config/schema.js";
import type { Action } from "./actions.js";
import { drillFlag } from "./audience.js";
import { issueKey, type Incident } from "./model.js";
import type { NotificationKind } from "./notification.js";
import { wasPaged } from "./paging.js";
import { incidentDisplayTitle } from "./render/log-issue.js";

/**
 * A notification about a milestone (acknowledged, resolved, …) to where the severity's policy
 * announces, plus PagerDuty's matching event when a trigger went out. The title is the codename
 * when confidential.
 */
export function milestoneNotification(
  incident: Incident,
  kind: NotificationKind,
  text: string,
  config: SevbotConfig,
  step: number,
): Action {
  const firstStep = config.escalation.policies[incident.severity].steps[0];
  return {
    kind: "notify",
    key: `notify-${kind}-${step}`,
    notification: {
      key: `notify-${kind}-${step}`,
      incidentKey: issueKey(incident.source),
      kind,
      severity: incident.severity,
      title: incidentDisplayTitle(incident, ""),
      text,
      url: incident.url ?? "",
      // A drill pages nobody and posts in no channel: it stays between its participants.
      targets: incident.drill
        ? { channels: [], users: [], emails: [], page: false, onlyTargets: true }
        : {
            channels: firstStep?.notify.channels ?? [],
            users: [],
            emails: [],
            page: wasPaged(incident, config),
          },
      ...drillFlag(incident),
    },
  };
}
