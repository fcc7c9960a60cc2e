import type { SevbotConfig } from "../config/schema.js";
import type { CommentSnapshot, IssueSnapshot } from "./events.js";
import type { Incident, IncidentStatus, Severity } from "./model.js";
import { severityOfLabels } from "./severity.js";

export interface RebuildInput {
  source: IssueSnapshot;
  log: IssueSnapshot;
  sourceComments: CommentSnapshot[];
  reason: string;
  config: SevbotConfig;
  now: string;
}

/** How a rebuilt incident's timeline begins its note: its ledger of what was done is empty. */
export const REBUILT_NOTE = "sevbot could not read its state block";

/**
 * A corrupt or hand-edited state block must never crash sevbot: rebuild what is visible (labels,
 * the log issue's title and age) and say so in the timeline.
 */
export function rebuildIncident({ source, log, reason, config, now }: RebuildInput): Incident {
  // The log title is what sevbot last wrote; the labels may already carry the change being handled.
  const severity =
    severityFromLogTitle(log.title) ?? severityOfLabels(source.labels, config.severity.labels) ?? 1;
  return {
    source: source.ref,
    log: log.ref,
    title: source.title,
    severity,
    status: statusFromLabels(source, config),
    declaredAt: log.createdAt ?? now,
    confidential: source.confidential,
    links: {},
    timeline: [
      {
        at: now,
        text: `${REBUILT_NOTE} (${reason}); rebuilt it from the issue's labels and the log issue. Earlier timeline entries above the block are kept as text only.`,
      },
    ],
    done: [],
  };
}

function severityFromLogTitle(title: string): Severity | undefined {
  const match = /^\[SEV-([1-4])\]/i.exec(title);
  return match ? (Number(match[1]) as Severity) : undefined;
}

function statusFromLabels(source: IssueSnapshot, { statusLabels }: SevbotConfig): IncidentStatus {
  if (source.state === "closed" || source.labels.includes(statusLabels.resolved)) return "resolved";
  if (source.labels.includes(statusLabels.mitigated)) return "mitigated";
  if (source.labels.includes(statusLabels.acknowledged)) return "acknowledged";
  return "declared";
}
