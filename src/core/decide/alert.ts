import { alertGroupId } from "../alerts/issue.js";
import type { AlertGroup } from "../alerts/types.js";
import { neutralizeMentions } from "../mentions.js";
import { isOpen, type Incident } from "../model.js";
import { formatInstant } from "../render/format.js";
import { nothing, type DecideContext, type Decision } from "./types.js";

/** A group that keeps firing is noted on its issue at most once per this many minutes. */
export const ALERT_REPEAT_MINUTES = 30;

/**
 * The same alert group again: firing adds a comment (at most one per half hour, so a storm
 * stays within the forge's write limits); resolved adds a timeline entry and never resolves the
 * incident by itself: the root cause is the team's to state.
 */
export function onAlert(
  incident: Incident | undefined,
  group: AlertGroup,
  { now }: DecideContext,
): Decision {
  if (!incident) return nothing(incident);
  const id = alertGroupId(group);
  const title = neutralizeMentions(group.title);
  if (group.status === "resolved") {
    const endsAt = group.alerts
      .map((alert) => alert.endsAt)
      .filter((at): at is string => Boolean(at))
      .sort()
      .at(-1);
    const key = `alert-resolved-${id}-${endsAt ?? now}`;
    if (incident.done.includes(key)) return nothing(incident);
    const entry = { at: now, text: `Alert resolved at ${formatInstant(endsAt ?? now)}: ${title}` };
    return {
      incident: {
        ...incident,
        timeline: [...incident.timeline, entry],
        done: [...incident.done, key],
      },
      actions: [],
    };
  }
  const bucket = Math.floor(Date.parse(now) / (ALERT_REPEAT_MINUTES * 60_000));
  const key = `alert-firing-${id}-${bucket}`;
  if (incident.done.includes(key)) return nothing(incident);
  const firing = group.alerts.filter((alert) => alert.status === "firing").length;
  const note = isOpen(incident)
    ? ""
    : " The incident is resolved: if the problem is back, reopen it with `/reopen`.";
  return {
    incident: {
      ...incident,
      timeline: [
        ...incident.timeline,
        { at: now, text: `Alert firing again (${firing}): ${title}` },
      ],
      done: [...incident.done, key],
    },
    actions: [
      {
        kind: "comment",
        key,
        issue: incident.source,
        body: `🔔 The alert is firing again (${firing} firing): ${title}.${note}`,
      },
    ],
  };
}
