import { onlyDrillParticipants } from "../drill.js";
import type { DomainEvent } from "../events.js";
import { mentionAll } from "../mentions.js";
import { componentsOf, unknownComponents } from "../owners.js";
import { renderUnknownComponent } from "../render/checklist.js";
import { withEntry } from "./command-step.js";
import type { DecideContext, Decision } from "./types.js";

/**
 * Seed 001 pings the affected component's owners. Triage often names the component only after
 * the declaration (`component::payments` added later): its owners are pinged then, once, and
 * the incident remembers the component. A component the config does not know is said, with the
 * one most likely meant. Nothing for a resolved incident or a component it already has.
 */
export function withComponentLabel(
  decided: Decision,
  event: Extract<DomainEvent, { kind: "issue-labeled" }>,
  { config, now }: DecideContext,
): Decision {
  const incident = decided.incident;
  const { labelPrefix, owners } = config.components;
  const [component] = componentsOf([event.label], labelPrefix);
  if (!incident || incident.status === "resolved" || component === undefined) return decided;
  if ((incident.components ?? []).includes(component)) return decided;
  const configured = owners[component] ?? [];
  const named = onlyDrillParticipants(incident, configured, config);
  const [unknown] = unknownComponents([event.label], config);
  const added = `🧩 Component \`${component}\` added`;
  const body = unknown
    ? renderUnknownComponent(labelPrefix, unknown.component, unknown.guess)
    : named.length > 0
      ? `${added}: ${mentionAll(named)}, you own it; please join the response.`
      : configured.length > 0
        ? `${added}; none of its owners takes part in this drill.`
        : `${added}; it has no owners in the sevbot config.`;
  const next = withEntry(
    { ...incident, components: [...(incident.components ?? []), component] },
    now,
    `Component added: ${component}`,
    event.actor.login,
  );
  const key = `component-${component.toLowerCase().replace(/[^a-z0-9-]/g, "")}`;
  return {
    incident: next,
    actions: [...decided.actions, { kind: "comment", key, issue: incident.source, body }],
  };
}
