import { z } from "zod";
import { builtIn, defaultsDocument, DEFAULTS_FILE } from "./defaults.js";
import { SettingsError } from "./settings-error.js";

/** GitHub/GitLab user name without the leading `@` (a leading `@` is tolerated and dropped). */
const UserName = z
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
const SeverityNumber = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: "must be 1, 2, 3 or 4",
});

const SeverityDefinition = z
  .object({
    /** Short name, e.g. "Critical". */
    name: z.string().min(1).describe('Short name, e.g. "Critical".'),
    /** What makes an issue this severity. */
    description: z.string().min(1).describe("What makes an issue this severity."),
    /** Typical examples, shown in the checklist and the issue templates. */
    examples: z
      .array(z.string())
      .default([])
      .describe("Typical examples, shown in the checklist and issue templates."),
  })
  .strict();

/**
 * Per-severity settings where each severity may be set alone: `policies: { 1: … }` changes
 * Sev-1 and keeps the defaults of the other three, instead of being an error.
 */
const PerSeverityDefaults = <T extends z.ZodType>(item: T, path: string) =>
  z
    .object({
      1: item.prefault(builtIn(`${path}.1`)),
      2: item.prefault(builtIn(`${path}.2`)),
      3: item.prefault(builtIn(`${path}.3`)),
      4: item.prefault(builtIn(`${path}.4`)),
    })
    .strict()
    .prefault({});

export const SeverityConfig = z
  .object({
    /**
     * Label spellings that mean a severity; `N` stands for the digit 1-4. The first is the one
     * sevbot writes. Matching ignores case. Examples: `severity::N`, `sevN`, `SEV-N`, `PN`,
     * `priority::N`.
     */
    labels: z
      .array(z.string().regex(/N/, "must contain N where the severity digit goes"))
      .min(1)
      .prefault(builtIn("severity.labels"))
      .describe(
        "Label spellings that mean a severity; N stands for 1-4. The first is the one sevbot writes.",
      ),
    /** Severities that are incidents (declared, paged, logged). Others get a triage note only. */
    incidents: z
      .array(SeverityNumber)
      .prefault(builtIn("severity.incidents"))
      .describe("Severities that are incidents. Others get a short triage note only."),
    /** Definitions and examples per severity (defaults follow the incident response plan). */
    definitions: PerSeverityDefaults(SeverityDefinition, "severity.definitions").describe(
      "Definitions and examples per severity.",
    ),
  })
  .strict();

export const ComponentsConfig = z
  .object({
    /** Prefix of component labels: `component::api` names the component `api`. */
    labelPrefix: z
      .string()
      .min(1)
      .prefault(builtIn("components.labelPrefix"))
      .describe("Prefix of component labels."),
    /** Owners to mention per component name. */
    owners: z
      .record(z.string(), z.array(UserName))
      .prefault(builtIn("components.owners"))
      .describe("Owners to mention per component name."),
    /** Rotation (by name) per component; components without one use the first rotation. */
    rotations: z
      .record(z.string(), z.string())
      .prefault(builtIn("components.rotations"))
      .describe("Rotation name per component."),
    /** Owners mentioned when the issue has no component label or its component has no owners. */
    fallbackOwners: z
      .array(UserName)
      .prefault(builtIn("components.fallbackOwners"))
      .describe("Owners mentioned when no component owner is known."),
  })
  .strict();

export const TrackerConfig = z
  .object({
    /** `owner/name` of the repository holding the incident log issues; empty = the same repository. */
    repository: z
      .string()
      .regex(/^([\w.-]+\/[\w.-]+(\/[\w.-]+)*)?$/, "must be owner/name")
      .prefault(builtIn("tracker.repository"))
      .describe(
        "owner/name of the repository for incident log issues; empty means the same repository.",
      ),
    /** Label put on every incident log issue. */
    logLabel: z
      .string()
      .min(1)
      .prefault(builtIn("tracker.logLabel"))
      .describe("Label put on every incident log issue."),
  })
  .strict();

export const StatusLabels = z
  .object({
    /** On the source issue while the incident is declared and nobody acknowledged it yet. */
    active: z
      .string()
      .min(1)
      .prefault(builtIn("statusLabels.active"))
      .describe("While declared and unacknowledged."),
    /** After `/ack`. */
    acknowledged: z
      .string()
      .min(1)
      .prefault(builtIn("statusLabels.acknowledged"))
      .describe("After someone acknowledged."),
    /** After `/mitigated`. */
    mitigated: z
      .string()
      .min(1)
      .prefault(builtIn("statusLabels.mitigated"))
      .describe("After mitigation."),
    /** After resolution. */
    resolved: z
      .string()
      .min(1)
      .prefault(builtIn("statusLabels.resolved"))
      .describe("After resolution."),
  })
  .strict();

const PermissionLevel = z.enum(["read", "triage", "write", "maintain", "admin"]);

export const CommandsConfig = z
  .object({
    /**
     * Minimum repository permission per command (`default` for the rest). Checked through the
     * API, not the comment's author association.
     */
    permissions: z
      .record(z.string(), PermissionLevel)
      .prefault(builtIn("commands.permissions"))
      .describe("Minimum repository permission per command; `default` covers the rest."),
  })
  .strict();

export const ResolutionConfig = z
  .object({
    /** Labels of the follow-up issue opened when the root cause is unknown. */
    followUpLabels: z
      .array(z.string().min(1))
      .prefault(builtIn("resolution.followUpLabels"))
      .describe("Labels of the follow-up issue opened when the root cause is unknown."),
    /** Labels of the post-mortem issue. */
    postMortemLabels: z
      .array(z.string().min(1))
      .prefault(builtIn("resolution.postMortemLabels"))
      .describe("Labels of the post-mortem issue."),
    /** Severities that get a post-mortem issue. */
    postMortemSeverities: z
      .array(SeverityNumber)
      .prefault(builtIn("resolution.postMortemSeverities"))
      .describe("Severities that get a post-mortem issue."),
    /** Business days until the post-mortem is due. */
    postMortemDueBusinessDays: z
      .number()
      .int()
      .min(1)
      .max(60)
      .prefault(builtIn("resolution.postMortemDueBusinessDays"))
      .describe("Business days until the post-mortem is due."),
    /** `owner/repo#N` of the architecture-meeting issue that collects agenda items; empty = none. */
    architectureMeetingIssue: z
      .string()
      .regex(/^([\w.-]+(\/[\w.-]+)+#\d+)?$/, "must look like owner/repo#12")
      .prefault(builtIn("resolution.architectureMeetingIssue"))
      .describe(
        "owner/repo#N of the architecture-meeting issue that collects agenda items; empty means none.",
      ),
  })
  .strict();

export const MitigationConfig = z
  .object({
    /** People told about a mitigation decision (`/decide`), e.g. the directors of security and infrastructure. */
    notify: z
      .array(UserName)
      .prefault(builtIn("mitigation.notify"))
      .describe("People told about a mitigation decision."),
  })
  .strict();

const Minutes = z
  .number()
  .min(0)
  .max(7 * 24 * 60);
const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a 24-hour time HH:MM such as 09:00");
/** A calendar date that exists: 2026-02-30 is refused rather than rolled over to March. */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD such as 2026-01-05")
  .refine(isCalendarDate, "must be a date that exists on the calendar (YYYY-MM-DD)");
/** Checked here, not at event time: an unknown zone would make every on-call lookup throw. */
const TimeZone = z
  .string()
  .refine(isTimeZone, "must be an IANA timezone such as Europe/Paris, America/New_York or UTC");
const DateRange = z
  .object({ user: UserName, from: IsoDate, to: IsoDate })
  .strict()
  .refine((range) => range.from <= range.to, {
    message: "`to` must not be before `from`",
    path: ["to"],
  });

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

export const ReportsConfig = z
  .object({
    /** People pinged to confirm a severity proposed by someone without write access. */
    triage: z
      .array(UserName)
      .prefault(builtIn("reports.triage"))
      .describe("People pinged to confirm a proposed severity."),
    /** Label for a severity chosen on the form by someone without write access; N = the digit. */
    proposedLabel: z
      .string()
      .regex(/N/, "must contain N where the severity digit goes")
      .prefault(builtIn("reports.proposedLabel"))
      .describe("Label for a severity proposed by someone without write access."),
  })
  .strict();

export const SecurityConfig = z
  .object({
    /** Labels that mark a security report (the security template adds the first). */
    labels: z
      .array(z.string().min(1))
      .prefault(builtIn("security.labels"))
      .describe("Labels that mark a security report."),
    /** Reply to a reporter without write access: thanks them and says it will be investigated, confirming nothing. */
    acknowledgement: z
      .string()
      .min(1)
      .prefault(builtIn("security.acknowledgement"))
      .describe("Reply to a reporter without write access; must not confirm anything."),
    /** Engaged on every security incident (seed 002): the security on-call, AppSec team, … */
    engage: z
      .array(UserName)
      .prefault(builtIn("security.engage"))
      .describe("People engaged on every security incident, e.g. the security on-call."),
    /** Labels of the security-release follow-up opened when a security incident is resolved. */
    releaseLabels: z
      .array(z.string().min(1))
      .prefault(builtIn("security.releaseLabels"))
      .describe("Labels of the security-release follow-up."),
  })
  .strict();

export const DrillsConfig = z
  .object({
    /** Label that marks a drill issue (and its incident). */
    label: z
      .string()
      .min(1)
      .prefault(builtIn("drills.label"))
      .describe("Label that marks a drill issue."),
    /** During a drill only these people are mentioned or messaged (empty: nobody outside the thread). */
    participants: z
      .array(UserName)
      .prefault(builtIn("drills.participants"))
      .describe("People a drill may notify."),
    /** Open a reminder issue when no drill has been held for this many months; 0 = never. */
    reminderMonths: z
      .number()
      .int()
      .min(0)
      .max(36)
      .prefault(builtIn("drills.reminderMonths"))
      .describe("Months without a drill before a reminder issue; 0 = never."),
  })
  .strict();

/** A Slack member id (`U…` or `W…`), as shown under the profile's "Copy member ID". */
const SlackMemberId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack member id such as U0123ABCD");

const UserNameKey = z
  .string()
  .regex(/^@?[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be a user name such as lee");

export const NotificationsConfig = z
  .object({
    /**
     * Slack member id per forge user name, e.g. `lee: U0123ABCD`. Escalation contacts and the
     * on-call are forge users; Slack can only message them directly by member id. People without
     * an entry are named in the channel message instead.
     */
    slackUsers: z
      .record(
        z.string().regex(/^@?[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be a user name such as lee"),
        SlackMemberId,
      )
      .prefault(builtIn("notifications.slackUsers"))
      .describe(
        "Slack member id per user name (e.g. lee: U0123ABCD), for direct messages; people without one are named in the channel message.",
      ),
    /** E-mail address per forge user name, e.g. `lee: lee@example.com`: `/page @lee` writes there too. */
    emails: z
      .record(UserNameKey, z.string().email())
      .default({})
      .describe("E-mail address per user name, for /page."),
    /** Named groups for `/page team-name`, e.g. `database: [lee, kim]`. */
    teams: z
      .record(
        z.string().regex(/^[A-Za-z0-9][\w.-]*$/, "must be a team name such as database"),
        z.array(UserName).min(1),
      )
      .default({})
      .describe("Named groups of users for /page team-name."),
    /**
     * PagerDuty user id per forge user name, e.g. `lee: PLH1HKV`: an acknowledgement in PagerDuty
     * acts as that user (permission checked as for a comment); other agents are named as
     * PagerDuty shows them.
     */
    pagerdutyUsers: z
      .record(
        z.string().regex(/^@?[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be a user name such as lee"),
        z.string().regex(/^P[A-Z0-9]{5,}$/, "must be a PagerDuty user id such as PLH1HKV"),
      )
      .default({})
      .describe(
        "PagerDuty user id per user name (e.g. lee: PLH1HKV): acknowledgements in PagerDuty act as that user.",
      ),
  })
  .strict();

export const AlertsConfig = z
  .object({
    /** The alert label whose value picks the severity, e.g. `severity`. */
    label: z
      .string()
      .min(1)
      .default("severity")
      .describe("The alert label that picks the severity."),
    /** Severity per value of that label, e.g. `critical: 1`; alerts with other values open nothing. */
    severity: z
      .record(z.string().min(1), z.number().int().min(1).max(4))
      .default({ critical: 1 })
      .describe("Severity (1-4) per value of the label, e.g. critical: 1."),
    /** Labels put on issues opened from alerts, besides the severity label. */
    labels: z
      .array(z.string().min(1))
      .default(["alert"])
      .describe("Labels put on issues opened from alerts, besides the severity label."),
  })
  .strict();

export const Checklists = PerSeverityDefaults(z.array(z.string().min(1)), "checklists");

export const SevbotConfig = z
  .object({
    /** Inherit from another repository's file, e.g. `.github` (the org's `.github` repository). */
    _extends: z
      .string()
      .optional()
      .describe(
        "Inherit settings from another repository's sevbot.yml, e.g. .github or owner/repo:path.",
      ),
    /** Severity labels and definitions. */
    severity: SeverityConfig.prefault({}).describe("Severity labels and definitions."),
    /** Response checklist items per severity, posted when an incident is declared. */
    checklists: Checklists.describe("Response checklist items per severity."),
    /** Who owns which component (by `component::<name>` label). */
    components: ComponentsConfig.prefault({}).describe("Who owns which component."),
    /** Users or teams on call, mentioned on every declared incident. */
    oncall: z
      .array(UserName)
      .prefault(builtIn("oncall"))
      .describe("Users or teams on call, mentioned on every declared incident."),
    /** Where incident log issues live. */
    tracker: TrackerConfig.prefault({}).describe("Where incident log issues live."),
    /** Who may run which slash command. */
    commands: CommandsConfig.prefault({}).describe("Who may run which slash command."),
    /** What happens when an incident is resolved. */
    resolution: ResolutionConfig.prefault({}).describe(
      "What happens when an incident is resolved.",
    ),
    /** Mitigation decisions. */
    mitigation: MitigationConfig.prefault({}).describe("Mitigation decisions."),
    /** Tabletop drills (seed 003: at least twice a year). */
    drills: DrillsConfig.prefault({}).describe("Tabletop drills."),
    /** Security reports: the reporter acknowledgement and the security-release follow-up. */
    security: SecurityConfig.prefault({}).describe(
      "Security reports: reporter acknowledgement and security-release follow-up.",
    ),
    /** Issue-form reports: who confirms proposed severities. */
    reports: ReportsConfig.prefault({}).describe(
      "Issue-form reports: who confirms proposed severities.",
    ),
    /** Escalation until acknowledged, status cadence, reminders. */
    escalation: EscalationConfig.prefault({}).describe(
      "Escalation until acknowledged, status cadence, reminders.",
    ),
    /** How people are reached outside the forge: Slack member ids for direct messages. */
    notifications: NotificationsConfig.prefault({}).describe(
      "How people are reached outside the forge: Slack member ids for direct messages.",
    ),
    /** Monitoring alerts that open incidents (`POST /api/alerts/<source>`). */
    alerts: AlertsConfig.prefault({}).describe("Monitoring alerts that open incidents."),
    /** On-call rotations. `components.rotations` maps components to them; the first is the default. */
    rotations: z
      .array(Rotation)
      .prefault(builtIn("rotations"))
      .describe("On-call rotations; the first is the default."),
    /** Status labels sevbot keeps on the source issue. */
    statusLabels: StatusLabels.prefault({}).describe(
      "Status labels sevbot keeps on the source issue.",
    ),
  })
  .strict();

export type SevbotConfig = z.infer<typeof SevbotConfig>;
export type SevbotConfigInput = z.input<typeof SevbotConfig>;

// The built-in defaults must pass the schema they fill: a broken config/default.yml stops sevbot
// when it starts, instead of reaching a repository as that repository's config error.
const builtInCheck = SevbotConfig.safeParse(defaultsDocument());
if (!builtInCheck.success)
  throw new SettingsError(
    `sevbot's built-in defaults ${DEFAULTS_FILE} are invalid:\n${z.prettifyError(builtInCheck.error)}`,
  );
