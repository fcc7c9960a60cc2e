import type { SevbotConfig } from "../config/schema.js";
import { missedEvents } from "../core/catch-up.js";
import type { DomainEvent } from "../core/events.js";
import { issueKey } from "../core/model.js";
import type { Forge } from "../ports/forge.js";
import type { LoadedIncident } from "./incident-store.js";

export interface CatchUpOptions {
  /** Says which missed event a run is handling (the Action's log). */
  note(message: string): void;
}

/**
 * GitHub keeps one run waiting per concurrency group: a third event on an issue cancels the
 * waiting run, and its event would be lost. So a run first reads the issue as it is now (one
 * request; the comments come from loading the incident) and handles the first event the issue
 * shows was missed, through the whole pipeline, then looks again with what that changed (labels,
 * ledger), before its own event. Bounded: each event handled is no longer missed, so there are at
 * most as many rounds as the first look found. `handle` decides, executes and saves one event on
 * the incident as loaded, and loads it again.
 */
export async function catchUp(
  deps: { forge: Forge; catchUp?: CatchUpOptions },
  own: DomainEvent,
  config: SevbotConfig,
  loaded: LoadedIncident,
  handle: (missed: DomainEvent, loaded: LoadedIncident) => Promise<LoadedIncident>,
): Promise<LoadedIncident> {
  const look = async (current: LoadedIncident) =>
    missedEvents({
      incident: current.incident,
      issue: await deps.forge.getIssue(own.issue.ref),
      comments: current.sourceComments,
      own,
      config,
    });
  let current = loaded;
  let missed = await look(current);
  for (let rounds = missed.length; rounds > 0 && missed[0]; rounds--) {
    deps.catchUp?.note(`catching up on ${issueKey(own.issue.ref)}: ${describe(missed[0])}`);
    current = await handle(missed[0], current);
    if (rounds > 1) missed = await look(current);
  }
  return current;
}

function describe(event: DomainEvent): string {
  switch (event.kind) {
    case "issue-labeled":
      return `label ${event.label}`;
    case "comment-created":
      return `comment ${event.comment.id} by ${event.actor.login}`;
    default:
      return event.kind;
  }
}
