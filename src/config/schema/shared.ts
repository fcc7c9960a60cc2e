// Pieces several config sections share: user names, severities, durations, dates, zones.
import { z } from "zod";
import { builtIn } from "../defaults.js";

/** GitHub/GitLab user name without the leading `@` (a leading `@` is tolerated and dropped). */
export const UserName = z
  .string()
  .regex(
    /^@?[A-Za-z0-9][A-Za-z0-9_.\-/]*$/,
    "must be a user or team name such as alice or @org/team",
  )
  .transform((name) => name.replace(/^@/, ""));

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const instant = new Date(Date.UTC(year, month - 1, day));
  return instant.getUTCMonth() === month - 1 && instant.getUTCDate() === day;
}

/** A severity digit; the message says which values are allowed. */
export const SeverityNumber = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: "must be 1, 2, 3 or 4",
});

/**
 * Per-severity settings where each severity may be set alone: `policies: { 1: … }` changes
 * Sev-1 and keeps the defaults of the other three, instead of being an error.
 */
export const PerSeverityDefaults = <T extends z.ZodType>(item: T, path: string) =>
  z
    .object({
      1: item.prefault(builtIn(`${path}.1`)),
      2: item.prefault(builtIn(`${path}.2`)),
      3: item.prefault(builtIn(`${path}.3`)),
      4: item.prefault(builtIn(`${path}.4`)),
    })
    .strict()
    .prefault({});

export const Minutes = z
  .number()
  .min(0)
  .max(7 * 24 * 60);
export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a 24-hour time HH:MM such as 09:00");
/** A calendar date that exists: 2026-02-30 is refused rather than rolled over to March. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD such as 2026-01-05")
  .refine(isCalendarDate, "must be a date that exists on the calendar (YYYY-MM-DD)");
/** Checked here, not at event time: an unknown zone would make every on-call lookup throw. */
export const TimeZone = z
  .string()
  .refine(isTimeZone, "must be an IANA timezone such as Europe/Paris, America/New_York or UTC");
export const DateRange = z
  .object({ user: UserName, from: IsoDate, to: IsoDate })
  .strict()
  .refine((range) => range.from <= range.to, {
    message: "`to` must not be before `from`",
    path: ["to"],
  });
