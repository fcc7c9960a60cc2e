import { z } from "zod";
import { builtIn, defaultsDocument, DEFAULTS_FILE } from "./defaults.js";
import { SettingsError } from "./settings-error.js";
import { EscalationConfig, Rotation } from "./schema/escalation.js";
import { NotificationsConfig } from "./schema/notifications.js";
import {
  AlertsConfig,
  CommandsConfig,
  ComponentsConfig,
  DrillsConfig,
  MitigationConfig,
  ReportsConfig,
  ResolutionConfig,
  SecurityConfig,
  StatusLabels,
  TrackerConfig,
} from "./schema/sections.js";
import { Checklists, SeverityConfig } from "./schema/severity.js";
import { UserName } from "./schema/shared.js";

// One schema per section lives in ./schema/; this module stays the one everyone imports.
export {
  AlertsConfig,
  Checklists,
  CommandsConfig,
  ComponentsConfig,
  DrillsConfig,
  EscalationConfig,
  MitigationConfig,
  NotificationsConfig,
  ReportsConfig,
  ResolutionConfig,
  Rotation,
  SecurityConfig,
  SeverityConfig,
  StatusLabels,
  TrackerConfig,
};
export { EscalationPolicy, EscalationStep, NotifyTarget } from "./schema/escalation.js";

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
