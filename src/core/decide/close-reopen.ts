import type { Actor } from "../events.js";
import type { Incident } from "../model.js";
import { transition } from "../transitions.js";
import { resolveIncident } from "./resolve.js";
import { swapStatusLabel } from "./status-labels.js";
import type { DecideContext, Decision } from "./types.js";

/** Closing the source issue without `/resolve` still resolves, asking for the root cause. */
export function resolveOnClose(incident: Incident, actor: Actor, context: DecideContext): Decision {
  if (incident.status === "resolved") return { incident, actions: [] };
  return resolveIncident(incident, actor.login, undefined, true, context);
}

export function reopenIncident(
  incident: Incident,
  actor: string,
  reason: string,
  context: DecideContext,
): Decision {
  const result = transition(incident, "declared", actor, context.now, reason);
  if (!result.ok) return { incident, actions: [] };
  const step = result.incident.timeline.length;
  return {
    incident: result.incident,
    actions: [
      {
        kind: "comment",
        key: `reopened-${step}`,
        issue: incident.source,
        body: "## 🔁 Incident reopened\n\nThe response checklist above applies again.",
      },
      ...swapStatusLabel(incident, "declared", context.config),
    ],
  };
}

export function reopenOnReopen(incident: Incident, actor: Actor, context: DecideContext): Decision {
  return reopenIncident(incident, actor.login, "source issue reopened", context);
}
