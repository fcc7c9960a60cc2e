import type { IssueSnapshot } from "../events.js";
import type { Severity } from "../model.js";
import { severityName } from "../render/format.js";
import type { DecideContext, Decision } from "./types.js";

/** Sev-3/Sev-4 (or whatever is not an incident): standard bug triage, a short note only. */
export function triageNote(
  issue: IssueSnapshot,
  severity: Severity,
  { config }: DecideContext,
): Decision {
  const definition = config.severity.definitions[severity];
  const body = [
    `**${severityName(severity)} (${definition.name})**: ${definition.description}`,
    "",
    ...config.checklists[severity].map((item) => `- [ ] ${item}`),
  ].join("\n");
  return {
    incident: undefined,
    actions: [{ kind: "comment", key: `triage-${severity}`, issue: issue.ref, body }],
  };
}
