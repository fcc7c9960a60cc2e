/** The incident as sevbot remembers it. Persisted in the log issue's hidden state block. */

export type Platform = "github" | "gitlab";

/** Severity 1 is the worst (Sev-1, critical); 4 the mildest. */
export type Severity = 1 | 2 | 3 | 4;

export const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];

/** declared → acknowledged → mitigated → resolved; `/reopen` goes back to declared. */
export type IncidentStatus = "declared" | "acknowledged" | "mitigated" | "resolved";

/** Points at one issue: `repo` is `owner/name` on GitHub, the project path on GitLab. */
export interface IssueRef {
  platform: Platform;
  repo: string;
  number: number;
}

export interface TimelineEntry {
  /** ISO-8601 instant. */
  at: string;
  text: string;
  actor?: string;
}

/** Repository access, ordered as GitHub's roles (GitLab access levels map onto them). */
export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface RootCause {
  known: boolean;
  text?: string;
}

export interface Incident {
  source: IssueRef;
  log?: IssueRef;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  declaredAt: string;
  declaredBy?: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  lead?: string;
  rootCause?: RootCause;
  /** What ended it, from `/resolve <summary>` (seed 001: "what the solution was"). */
  resolutionSummary?: string;
  /** The source issue is private/confidential: its text never leaves trackers at least as private. */
  confidential: boolean;
  timeline: TimelineEntry[];
  /** Issues sevbot opened for this incident. */
  links: { followUp?: IssueRef; postMortem?: IssueRef; securityRelease?: IssueRef };
  /** The incident's chat war room, once created (`id`: the chat's own, for topic changes). */
  warRoom?: { name: string; url: string; id?: string };
  /** PagerDuty was sent a trigger (undefined: a state from before this was recorded). */
  paged?: boolean;
  /** A tabletop drill: labelled as such, notifies only its participants, excluded from metrics. */
  drill?: boolean;
  /** A security incident: confidential by default, and resolved with a security release. */
  security?: boolean;
  /** When the current escalation began: declaration, reopen or a severity raise. */
  escalationStartedAt?: string;
  /**
   * The timing of the policy the ledger's escalation keys were planned with (`followPolicy`):
   * when a lowering or a config change gives the same clock another timing, `epoch` gives the new
   * plan keys of its own, so entries the old plan recorded do not silence it.
   */
  escalationTiming?: EscalationTiming;
  /** Web address of the source issue, for notifications. */
  url?: string;
  /** Component names from the source issue's labels at declaration (owners, rotation). */
  components?: string[];
  /** A status update is overdue and the overdue label is on the source issue. */
  statusOverdue?: boolean;
  /** Last `/status` update, for the update cadence. */
  lastStatusAt?: string;
  /**
   * When the status-update cadence last started again without an update: an acknowledgement, a
   * reopen or a change of lead (a new lead is not asked for an update at once).
   */
  statusCadenceFrom?: string;
  /** A hand-over waiting for the incoming person to acknowledge it. */
  pendingHandoff?: { from: string; to: string; at: string };
  /** The mitigation option chosen with `/decide`. */
  mitigationDecision?: string;
  /** When the post-mortem is due (ISO date). */
  postMortemDue?: string;
  /** Error signature of the report at declaration (`core/similar`), to find it again later. */
  signature?: string[];
  /** The report's distinctive words at declaration (`core/similar`), for the same reason. */
  terms?: string[];
  /** Who was affected, how and how much (`/impact <text>`; seed 002's impact analysis). */
  impact?: string;
  /** Issues linked with `/action` as the incident's action items. */
  actionItems?: IssueRef[];
  /**
   * Declared with the built-in defaults because the repository's config could not be read in
   * time; the config's owners and policy are applied once it can be (`decide/config-arrived.ts`).
   */
  provisionalConfig?: boolean;
  /** Keys of actions already carried out (principle 3: every effect is idempotent). */
  done: string[];
}

export interface EscalationTiming {
  /** Step offsets, repeat interval and repeats of the policy (`planTiming`). */
  policy: string;
  /** The escalation start it was recorded for: a new start (a raise, a reopen) plans afresh. */
  since: string;
  /** How many times the timing changed under this start (0 or absent: the plain keys). */
  epoch?: number;
}

export function issueKey(ref: IssueRef): string {
  return `${ref.platform}:${ref.repo}#${ref.number}`;
}

export function sameIssue(a: IssueRef, b: IssueRef): boolean {
  return a.platform === b.platform && a.repo === b.repo && a.number === b.number;
}

export function isOpen(incident: Incident): boolean {
  return incident.status !== "resolved";
}
