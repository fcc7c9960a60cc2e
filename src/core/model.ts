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
  /** The source issue is private/confidential: its text never leaves trackers at least as private. */
  confidential: boolean;
  timeline: TimelineEntry[];
  /** Keys of actions already carried out (principle 3: every effect is idempotent). */
  done: string[];
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
