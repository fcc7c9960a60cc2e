import type { ScenarioActor } from "../../src/scenario/actor.js";

export interface TimedCall {
  what: string;
  text: string;
  /** Real time of the call (the server's simulated clock runs `speed` times faster from the same epoch). */
  at: number;
}

/**
 * Records when each scripted action was taken, so a test can compute the durations the server
 * must report on its accelerated clock from the script's own timings, not from guesses.
 */
export function timedActor(actor: ScenarioActor): { actor: ScenarioActor; calls: TimedCall[] } {
  const calls: TimedCall[] = [];
  const timed: ScenarioActor = {
    openIssue: (repo, fields) => (calls.push({ what: "open", text: fields.title, at: Date.now() }), actor.openIssue(repo, fields)),
    addLabels: (repo, number, labels, as) => (calls.push({ what: "label", text: labels.join(","), at: Date.now() }), actor.addLabels(repo, number, labels, as)),
    removeLabel: (repo, number, label, as) => (calls.push({ what: "unlabel", text: label, at: Date.now() }), actor.removeLabel(repo, number, label, as)),
    comment: (repo, number, body, as) => (calls.push({ what: "comment", text: body, at: Date.now() }), actor.comment(repo, number, body, as)),
    closeIssue: (repo, number, as) => (calls.push({ what: "close", text: "", at: Date.now() }), actor.closeIssue(repo, number, as)),
    reopenIssue: (repo, number, as) => (calls.push({ what: "reopen", text: "", at: Date.now() }), actor.reopenIssue(repo, number, as)),
  };
  return { actor: timed, calls };
}

/** Simulated minutes between two recorded calls on a clock `speed` times faster than real. */
export function simulatedMinutes(from: TimedCall, to: TimedCall, speed: number): number {
  return ((to.at - from.at) * speed) / 60_000;
}
