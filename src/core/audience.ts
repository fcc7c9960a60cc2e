import type { SevbotConfig } from "../config/schema.js";
import { onlyDrillParticipants } from "./drill.js";
import type { NotifyTarget } from "./escalation.js";
import type { Incident } from "./model.js";
import type { NotificationTargets } from "./notification.js";
import { onCallNow, rotationFor } from "./oncall.js";
import { slackIdsFor } from "./slack-ids.js";

export interface StepAudience {
  /** People to mention and message: the step's contacts and on-call (a drill's participants only). */
  people: string[];
  /** Why the rotation skipped or replaced someone. */
  notes: string[];
  targets: NotificationTargets;
}

/**
 * Whether a policy step addresses everyone in its channels (`@channel`). The one reading of
 * `notify.everyone`: Slack's message and `sevbot simulate` both come from it.
 */
export function addressesEveryone(notify: NotifyTarget): boolean {
  return notify.everyone && notify.channels.length > 0;
}

/**
 * Who one step of an escalation policy reaches for this incident at `now`. A drill reaches only
 * its participants, directly: no channel, no e-mail, no pager.
 */
export function stepAudience(
  incident: Incident,
  notify: NotifyTarget,
  now: Date,
  config: SevbotConfig,
): StepAudience {
  const rotation = rotationFor(config, incident.components ?? []);
  const onCall = notify.oncall && rotation ? onCallNow(rotation, now) : undefined;
  const people = onlyDrillParticipants(
    incident,
    [
      ...notify.users,
      ...(onCall?.user ? [onCall.user] : []),
      ...(notify.oncall ? config.oncall : []),
    ],
    config,
  );
  const slackIds = slackIdsFor(people, config);
  const reach: NotificationTargets = incident.drill
    ? { channels: [], users: people, emails: [], page: false, onlyTargets: true }
    : {
        channels: notify.channels,
        users: people,
        emails: notify.emails,
        page: notify.page,
        ...(addressesEveryone(notify) ? { everyone: true } : {}),
      };
  return {
    people,
    notes: onCall?.notes ?? [],
    targets: { ...reach, ...(Object.keys(slackIds).length > 0 ? { slackIds } : {}) },
  };
}

/** Fields every notification about this incident carries: a drill's say so. */
export function drillFlag(incident: Incident): { drill?: true } {
  return incident.drill ? { drill: true } : {};
}
