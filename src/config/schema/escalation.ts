// The `escalation` section and the `rotations` it escalates through.
import { z } from "zod";
import { builtIn } from "../defaults.js";
import {
  ClockTime,
  DateRange,
  IsoDate,
  Minutes,
  PerSeverityDefaults,
  TimeZone,
  UserName,
} from "./shared.js";

export const NotifyTarget = z
  .object({
    /** Post in these chat channels, e.g. `#tech-incidents`. */
    channels: z.array(z.string().min(1)).default([]).describe("Chat channels to post in."),
    /** Address everyone in the channels (`@channel`). */
    everyone: z.boolean().default(false).describe("Address everyone in the channels (@channel)."),
    /** Message these people directly (the escalation contacts). */
    users: z.array(UserName).default([]).describe("People to message directly."),
    /** E-mail these addresses. */
    emails: z.array(z.string().email()).default([]).describe("E-mail addresses."),
    /** Mention and message whoever is on call now in the component's rotation. */
    oncall: z.boolean().default(false).describe("Notify whoever is on call now."),
    /** Page through the paging service (PagerDuty). */
    page: z.boolean().default(false).describe("Page through PagerDuty."),
  })
  .strict();

export const EscalationStep = z
  .object({
    /** Minutes after the incident was declared (or re-escalated). */
    after: Minutes.default(0).describe("Minutes after declaration."),
    /** Who is told. */
    notify: NotifyTarget.prefault({}).describe("Who is told."),
  })
  .strict();

export const EscalationPolicy = z
  .object({
    /** Ordered steps; each fires once. */
    steps: z.array(EscalationStep).default([]).describe("Ordered steps; each fires once."),
    /** After the last step, repeat it every N minutes until someone acknowledges; 0 = never. */
    repeatEvery: Minutes.default(0).describe(
      "Repeat the last step every N minutes until acknowledged; 0 = never.",
    ),
    /**
     * Repeats of the last step; then escalation goes on to the rotation's fallback and everyone in
     * the first step's channels, the interval doubling up to an hour, until someone acknowledges.
     */
    maxRepeats: z
      .number()
      .int()
      .min(0)
      .max(500)
      .default(12)
      .describe(
        "Repeats of the last step before escalating further: the rotation's fallback, then everyone in the first step's channels, every 2x longer up to an hour, until acknowledged.",
      ),
  })
  .strict();

export const Rotation = z
  .object({
    /** Name, used in messages and in `components.rotation`. */
    name: z.string().min(1).describe("Rotation name."),
    /** Members in rotation order. */
    members: z.array(UserName).min(1).describe("Members in rotation order."),
    /** IANA timezone of the rotation, e.g. Europe/Paris. */
    timezone: TimeZone.default("UTC").describe("IANA timezone, e.g. Europe/Paris."),
    /** Days each member is on call. */
    rotationDays: z
      .number()
      .int()
      .min(1)
      .max(90)
      .default(7)
      .describe("Days each member is on call."),
    /** Local time the baton passes. */
    handoffTime: ClockTime.default("09:00").describe("Local time the baton passes."),
    /** Local date the first member's shift starts. */
    startDate: IsoDate.default("2026-01-05").describe(
      "Local date the first member's shift starts.",
    ),
    /** Working hours in the rotation's timezone; follow-the-sun hand-overs use them. */
    workingHours: z
      .object({
        start: ClockTime.default("09:00"),
        end: ClockTime.default("18:00"),
        days: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
      })
      .prefault({})
      .describe("Working hours (ISO weekdays, 1 = Monday) in the rotation's timezone."),
    /** Someone covering for a date range (inclusive, local dates). */
    overrides: z.array(DateRange).default([]).describe("Someone covering for a date range."),
    /** People on leave for a date range: skipped with a note. */
    leave: z.array(DateRange).default([]).describe("People on leave: skipped with a note."),
    /** Who is called when nobody in the rotation can be, e.g. the SecOps on-call. */
    fallback: UserName.optional().describe("Who is called when nobody in the rotation can be."),
  })
  .strict();

export const EscalationConfig = z
  .object({
    /** Policy per severity. Defaults follow the incident response plan (seed 001). */
    policies: PerSeverityDefaults(EscalationPolicy, "escalation.policies").describe(
      "Escalation policy per severity.",
    ),
    /** Status-update cadence in minutes per severity; 0 = none. */
    statusEvery: PerSeverityDefaults(Minutes, "escalation.statusEvery").describe(
      "Status-update cadence in minutes per severity; 0 = none.",
    ),
    /** Label kept on the source issue while a status update is overdue. */
    overdueLabel: z
      .string()
      .min(1)
      .prefault(builtIn("escalation.overdueLabel"))
      .describe("Label while a status update is overdue."),
    /** Hours without any activity after which an open incident is called stale. */
    staleAfterHours: z
      .number()
      .min(1)
      .max(24 * 30)
      .prefault(builtIn("escalation.staleAfterHours"))
      .describe("Hours without activity before an open incident is stale."),
    /** Days a follow-up may stay open before a reminder. */
    followUpReminderDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .prefault(builtIn("escalation.followUpReminderDays"))
      .describe("Days a follow-up may stay open before a reminder."),
    /** Minutes the incoming person has to accept a hand-over before it escalates back. */
    handoffTimeout: Minutes.prefault(builtIn("escalation.handoffTimeout")).describe(
      "Minutes to accept a hand-over before it escalates back.",
    ),
  })
  .strict();
