// The small config sections, each a handful of labels, people or numbers.
import { z } from "zod";
import { builtIn } from "../defaults.js";
import { SeverityNumber, UserName } from "./shared.js";

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
