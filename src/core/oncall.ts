import type { SevbotConfig } from "../config/schema.js";
import { daysBetween, localDate, minutesOfDay, zonedParts } from "./zoned-time.js";

type Rotation = SevbotConfig["rotations"][number];

export interface OnCall {
  user: string | undefined;
  rotation: string;
  /** Why someone was skipped or replaced, for the thread and `sevbot simulate`. */
  notes: string[];
}

function within(date: string, range: { from: string; to: string }): boolean {
  return range.from <= date && date <= range.to;
}

/** Index of the shift running at `now`: shifts change at `handoffTime` local every `rotationDays`. */
function shiftIndex(rotation: Rotation, now: Date): number {
  const parts = zonedParts(now, rotation.timezone);
  let days = daysBetween(rotation.startDate, localDate(parts));
  if (parts.hour * 60 + parts.minute < minutesOfDay(rotation.handoffTime)) days -= 1;
  return Math.floor(days / rotation.rotationDays);
}

/** Who is on call in a rotation at `now`: overrides first, then the schedule, skipping leave. */
export function onCallNow(rotation: Rotation, now: Date): OnCall {
  const today = localDate(zonedParts(now, rotation.timezone));
  const override = rotation.overrides.find((entry) => within(today, entry));
  if (override)
    return {
      user: override.user,
      rotation: rotation.name,
      notes: [`${override.user} covers ${rotation.name} until ${override.to}`],
    };
  const count = rotation.members.length;
  const first = ((shiftIndex(rotation, now) % count) + count) % count;
  const notes: string[] = [];
  for (let step = 0; step < count; step++) {
    const user = rotation.members[(first + step) % count]!;
    const leave = rotation.leave.find((entry) => entry.user === user && within(today, entry));
    if (!leave) return { user, rotation: rotation.name, notes };
    notes.push(`${user} is on leave until ${leave.to}: skipped`);
  }
  notes.push(
    rotation.fallback
      ? `everyone in ${rotation.name} is on leave: ${rotation.fallback} (fallback)`
      : `nobody in ${rotation.name} is available`,
  );
  return { user: rotation.fallback, rotation: rotation.name, notes };
}

export function isWorkingHours(rotation: Rotation, now: Date): boolean {
  const parts = zonedParts(now, rotation.timezone);
  const minute = parts.hour * 60 + parts.minute;
  const { start, end, days } = rotation.workingHours;
  return (
    days.includes(parts.weekday) && minutesOfDay(start) <= minute && minute < minutesOfDay(end)
  );
}

/** The rotation for a component (`components.rotations`), else the first one. */
export function rotationFor(config: SevbotConfig, components: string[]): Rotation | undefined {
  for (const component of components) {
    const name = config.components.rotations[component];
    const found = config.rotations.find((rotation) => rotation.name === name);
    if (found) return found;
  }
  return config.rotations[0];
}

/**
 * Follow-the-sun (seed 002): when the lead's working hours are over, the next responder is the
 * first rotation's on-call whose working hours have begun; otherwise the fallback.
 */
export function nextResponder(config: SevbotConfig, lead: string, now: Date): OnCall | undefined {
  const leadRotation = config.rotations.find((rotation) => rotation.members.includes(lead));
  if (!leadRotation || isWorkingHours(leadRotation, now)) return undefined;
  const notes: string[] = [];
  for (const rotation of config.rotations) {
    if (rotation === leadRotation) continue;
    if (!isWorkingHours(rotation, now)) {
      notes.push(`${rotation.name} is off shift`);
      continue;
    }
    const candidate = onCallNow(rotation, now);
    if (candidate.user && candidate.user !== lead)
      return { ...candidate, notes: [...notes, ...candidate.notes] };
  }
  const fallback =
    leadRotation.fallback ?? config.rotations.find((rotation) => rotation.fallback)?.fallback;
  return {
    user: fallback,
    rotation: leadRotation.name,
    notes: [
      ...notes,
      fallback ? `nobody else is on shift: ${fallback} (fallback)` : "nobody else is on shift",
    ],
  };
}
