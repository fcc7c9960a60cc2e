import type { SevbotConfig } from "../config/schema.js";
import { componentsOf } from "./owners.js";
import { nearMissSeverity } from "./severity-near-miss.js";
import type { DomainEvent } from "./events.js";
import { parseCommands } from "./commands/parse.js";
import { reportAnswers } from "./issue-form.js";
import { isSecurityLabel, isSecurityReport } from "./security.js";
import { severityOfLabel, severityOfLabels } from "./severity.js";

/**
 * Whether an event can concern an incident at all, judged from the webhook alone, so unrelated
 * issue traffic costs no forge requests.
 */
export function isRelevant(event: DomainEvent, config: SevbotConfig): boolean {
  const schemes = config.severity.labels;
  switch (event.kind) {
    case "issue-labeled":
      return (
        severityOfLabel(event.label, schemes) !== undefined ||
        isSecurityLabel(event.label, config) ||
        nearMissSeverity(event.label, schemes) !== undefined ||
        // A component named on an incident after its declaration: its owners are pinged then.
        // A severity label counts too: the label may come while the declaration is queued.
        (componentsOf([event.label], config.components.labelPrefix).length > 0 &&
          (hasStatusLabel(event.issue.labels, config) ||
            severityOfLabels(event.issue.labels, schemes) !== undefined))
      );
    case "issue-unlabeled":
      // The incident's severity label removed: said, since its paging goes on.
      return (
        severityOfLabel(event.label, schemes) !== undefined &&
        hasStatusLabel(event.issue.labels, config)
      );
    case "issue-opened":
      return (
        severityOfLabels(event.issue.labels, schemes) !== undefined ||
        Object.keys(reportAnswers(event.issue.body)).length > 0 ||
        isSecurityReport(event.issue, config)
      );
    case "comment-created":
    case "comment-edited":
      return parseCommands(event.comment.body).length > 0;
    case "notification-failed":
    case "remote-action":
    case "alert":
      return true;
    case "issue-closed":
    case "issue-reopened":
      return hasStatusLabel(event.issue.labels, config);
    default:
      return false;
  }
}

/** sevbot's status labels mark issues that carry an incident. */
function hasStatusLabel(labels: readonly string[], { statusLabels }: SevbotConfig): boolean {
  const ours = new Set(Object.values(statusLabels));
  return labels.some((label) => ours.has(label));
}
