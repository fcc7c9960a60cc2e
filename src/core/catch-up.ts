import type { SevbotConfig } from "../config/schema.js";
import { parseCommands } from "./commands/parse.js";
import { commandKey } from "./decide/commands.js";
import type { Actor, CommentSnapshot, DomainEvent, IssueSnapshot } from "./events.js";
import { isLogIssueBody, markerKeys } from "./markers.js";
import { isOpen, type Incident, type Severity } from "./model.js";
import { REBUILT_NOTE } from "./rebuild.js";
import { severityOfLabel } from "./severity.js";

/** How many of the issue's newest comments a catch-up looks through. */
export const CATCH_UP_COMMENTS = 100;

/** Whoever made a change whose run never ran: the issue shows what changed, not who changed it. */
export const UNSEEN_ACTOR: Actor = { login: "someone (event recovered later)", isBot: false };

export interface CatchUpInput {
  /** The incident as loaded, before the run's own event. */
  incident: Incident | undefined;
  /** The source issue as it is now (read after the previous run's writes). */
  issue: IssueSnapshot;
  /** Its comments, oldest first: the listing that loading the incident made. */
  comments: CommentSnapshot[];
  /** The run's own event: what it covers itself is left to it. */
  own: DomainEvent;
  config: SevbotConfig;
}

/**
 * The events a cancelled run may have carried, as far as the issue still shows them: a severity
 * label the incident does not have, a close the incident has not seen, and commands the ledger
 * has not recorded. In the order to handle them: the label first (it may declare the incident
 * the commands act on), then the close, then the comments oldest first. Handling one that was not
 * missed after all does nothing: commands are keyed in the ledger, a severity already set and a
 * close already seen change nothing.
 */
export function missedEvents(input: CatchUpInput): DomainEvent[] {
  return [...missedSeverity(input), ...missedClose(input), ...missedCommands(input)];
}

/**
 * Whether an event the pipeline would pass over (a bot's comment, a plain remark) should still
 * start a catch-up: its run may have cancelled a waiting one, on an issue that is an incident's.
 */
export function mayHideMissedEvents(event: DomainEvent, config: SevbotConfig): boolean {
  if (event.issue.ref.number === 0 || isLogIssueBody(event.issue.body)) return false;
  const status = new Set(Object.values(config.statusLabels));
  return event.issue.labels.some(
    (label) => status.has(label) || severityOfLabel(label, config.severity.labels) !== undefined,
  );
}

function missedSeverity({ incident, issue, own, config }: CatchUpInput): DomainEvent[] {
  // Its own label or opening decides the severity from its own payload, with its real actor.
  if (own.kind === "issue-labeled" || own.kind === "issue-opened") return [];
  const labelled = issue.labels
    .map((label) => ({ label, severity: severityOfLabel(label, config.severity.labels) }))
    .filter((found): found is { label: string; severity: Severity } => found.severity !== undefined)
    .sort((a, b) => a.severity - b.severity);
  const labeled = (label: string): DomainEvent[] => [
    { kind: "issue-labeled", issue, actor: UNSEEN_ACTOR, label },
  ];
  if (!incident) {
    const worst = labelled[0];
    const declares = worst && config.severity.incidents.includes(worst.severity);
    return declares && issue.state === "open" ? labeled(worst.label) : [];
  }
  if (!isOpen(incident)) return [];
  // sevbot keeps one severity label on the issue: another one is a change it has not seen.
  const other = labelled.find((found) => found.severity !== incident.severity);
  return other ? labeled(other.label) : [];
}

function missedClose({ incident, issue, own }: CatchUpInput): DomainEvent[] {
  if (own.kind === "issue-closed" || !incident || !isOpen(incident)) return [];
  if (issue.state !== "closed" || !issue.closedAt) return [];
  // `/reopen` on a closed issue reopens the incident and leaves the issue closed: only a close
  // later than everything the incident recorded was missed.
  const latest = Math.max(...incident.timeline.map((entry) => Date.parse(entry.at)));
  if (Date.parse(issue.closedAt) <= latest) return [];
  return [{ kind: "issue-closed", issue, actor: UNSEEN_ACTOR }];
}

function missedCommands({ incident, issue, comments, own }: CatchUpInput): DomainEvent[] {
  // A rebuilt incident's ledger starts empty: every earlier command would look new.
  if (incident?.timeline.some((entry) => entry.text.startsWith(REBUILT_NOTE))) return [];
  const ownId =
    own.kind === "comment-created" || own.kind === "comment-edited" ? own.comment.id : undefined;
  const replied = new Set(
    comments.filter((comment) => comment.byBot).flatMap((comment) => markerKeys(comment.body)),
  );
  return (
    comments
      .slice(-CATCH_UP_COMMENTS)
      .filter((comment) => !comment.byBot && comment.id !== ownId)
      // Told there was no incident when it came: as it would have been had its run not been lost.
      .filter((comment) => !replied.has(`no-incident-${comment.id}`))
      .filter((comment) => hasUnrecordedCommands(comment, incident))
      .sort((a, b) => a.id - b.id)
      .map((comment) => ({
        kind: "comment-created" as const,
        issue,
        actor: { login: comment.author, isBot: comment.author.endsWith("[bot]") },
        comment,
      }))
  );
}

function hasUnrecordedCommands(comment: CommentSnapshot, incident: Incident | undefined): boolean {
  const commands = parseCommands(comment.body).filter(
    (command) => command.name !== "help" && command.name !== "unknown",
  );
  if (!incident) return commands.length > 0;
  return commands.some((command) => !incident.done.includes(commandKey(comment.id, command)));
}
