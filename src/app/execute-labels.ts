import type { Action } from "../core/actions.js";
import { sameIssue } from "../core/model.js";
import type { ExecutionContext } from "./execute.js";

/** Adds only the labels the event's snapshot shows missing (a label already there costs nothing). */
export async function addMissingLabels(
  action: Extract<Action, { kind: "add-labels" }>,
  { forge, source }: ExecutionContext,
): Promise<void> {
  const onIssue = sameIssue(action.issue, source.ref)
    ? new Set(source.labels.map((label) => label.toLowerCase()))
    : new Set<string>();
  const missing = action.labels.filter((label) => !onIssue.has(label.toLowerCase()));
  if (missing.length > 0) await forge.addLabels(action.issue, missing);
}

export async function removePresentLabels(
  action: Extract<Action, { kind: "remove-labels" }>,
  { forge }: ExecutionContext,
): Promise<void> {
  for (const label of action.labels) await forge.removeLabel(action.issue, label);
}
