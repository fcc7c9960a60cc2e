import { codeSpan } from "../render/format.js";
import { usage, withEntry, type Step } from "./command-step.js";

const TIMELINE_FORMAT =
  "Usage: `/timeline [HH:MM] <what happened>` (UTC, 00:00 to 23:59, the last such time) or `/timeline 2026-11-22T14:05Z <what happened>`.";

/** `/timeline [time] <text>`: an entry at the time given, or now. */
export const timelineStep: Step = (incident, command, event, context) => {
  if (command.name === "timeline" && command.badTime)
    return usage(
      incident,
      event,
      `Not recorded: ${codeSpan(command.badTime)} is not a time. ${TIMELINE_FORMAT}`,
    );
  if (command.name !== "timeline" || !command.text) return usage(incident, event, TIMELINE_FORMAT);
  return {
    incident: withEntry(
      incident,
      timelineInstant(command.time, context.now),
      command.text,
      event.actor.login,
    ),
    actions: [],
  };
};

/** `HH:MM` means today (UTC) at that time, or yesterday if that is still in the future. */
export function timelineInstant(time: string | undefined, now: string): string {
  if (!time) return now;
  if (time.includes("T")) return new Date(time).toISOString();
  const [hours, minutes] = time
    .replace(/\s*(Z|UTC)$/i, "")
    .split(":")
    .map(Number);
  const at = new Date(now);
  at.setUTCHours(hours!, minutes!, 0, 0);
  if (at.toISOString() > now) at.setUTCDate(at.getUTCDate() - 1);
  return at.toISOString();
}
