import type { Action } from "../actions.js";
import { onlyDrillParticipants } from "../drill.js";
import { escalationPlan, planEpoch, recordTiming } from "../escalation.js";
import { mentionAll } from "../mentions.js";
import { isOpen, type Incident } from "../model.js";
import { onCallNow, rotationFor } from "../oncall.js";
import { ownersFor } from "../owners.js";
import { severityName } from "../render/format.js";
import { escalationActions } from "./tick.js";
import { nothing, type DecideContext, type Decision } from "./types.js";

/**
 * An incident declared while its config could not be read is marked, so that the config is
 * applied to it once it can be (see `applyArrivedConfig`).
 */
export function markProvisional(
  previous: Incident | undefined,
  decision: Decision,
  provisional: boolean,
): Decision {
  if (!provisional || previous || !decision.incident) return decision;
  return { ...decision, incident: { ...decision.incident, provisionalConfig: true } };
}

/**
 * The repository's config can be read again after an incident ran on the built-in defaults:
 * one comment mentions the owners and on-call the defaults did not know, and while nobody has
 * acknowledged, the configured policy's steps due by now are notified (the defaults' steps may
 * have reached other channels, or nobody). Later steps follow the configured policy.
 */
export function applyArrivedConfig(
  incident: Incident | undefined,
  url: string,
  configError: string | undefined,
  context: DecideContext,
): Decision {
  if (!incident?.provisionalConfig) return nothing(incident);
  const { provisionalConfig: _applied, ...settled } = incident;
  if (!isOpen(incident)) return nothing(settled);
  const { config, now } = context;
  const people = onlyDrillParticipants(incident, engagedPeople(incident, context), config);
  const { due, passed, ahead } =
    incident.status === "declared"
      ? configuredPlan(incident, context)
      : { due: [], passed: [], ahead: [] };
  const notify = due.flatMap((entry) =>
    escalationActions(incident, entry, new Date(now), url, context)
      .filter((action) => action.kind === "notify")
      .map((action) => ({
        ...action,
        key: `config-${action.key}`,
        notification: { ...action.notification, key: `config-${action.notification.key}` },
      })),
  );
  const text = `Config read after the declaration: ${people.length ? `engaged ${people.join(", ")}` : "nobody more to engage"}`;
  const body = [
    `⚙️ The repository's sevbot config can be read now; this ${severityName(incident.severity)} follows it from here on.`,
    people.length > 0
      ? `${mentionAll(people)}: the config names you for this incident (owners and on-call the built-in defaults did not know).`
      : "It names no owners or on-call for this incident.",
    due.length > 0
      ? `Its escalation policy's steps due by now went out again to its own targets.`
      : "",
    configError ?? "",
  ]
    .filter(Boolean)
    .join("\n\n");
  const comment: Action = { kind: "comment", key: "config-arrived", issue: incident.source, body };
  const followed = recordTiming(settled, config);
  return {
    incident: {
      ...followed,
      done: [
        ...new Set([
          ...settled.done.filter((key) => !ahead.includes(key)),
          ...passed,
          ...due.map((entry) => `config-${entry.key}`),
        ]),
      ],
      timeline: [...settled.timeline, { at: now, text }],
    },
    actions: [comment, ...notify],
  };
}

/** Who the config names for this incident: component owners, security people, the on-call. */
function engagedPeople(incident: Incident, { config, now }: DecideContext): string[] {
  const labels = (incident.components ?? []).map((name) => config.components.labelPrefix + name);
  const rotation = rotationFor(config, incident.components ?? []);
  const onCall = rotation ? onCallNow(rotation, new Date(now)).user : undefined;
  return [
    ...new Set([
      ...ownersFor(labels, config),
      ...(incident.security ? config.security.engage : []),
      ...config.oncall,
      ...(onCall ? [onCall] : []),
    ]),
  ];
}

/**
 * The configured policy from the incident's escalation start: the steps due by now (of its
 * repeats only the latest), and the keys of what has passed and of what is still ahead. The
 * defaults' plan shares key names with it (`…-s0`, `…-r1`): the ledger forgets the defaults'
 * keys for what is ahead, so the configured steps fire on time.
 */
function configuredPlan(incident: Incident, { config, now }: DecideContext) {
  const policy = config.escalation.policies[incident.severity];
  const planned = escalationPlan(policy, incident.escalationStartedAt ?? incident.declaredAt, {
    epoch: planEpoch(incident),
  });
  const passed = planned.filter((entry) => entry.at <= now);
  const steps = passed.filter((entry) => !entry.label.startsWith("repeat"));
  const latest = passed.filter((entry) => entry.label.startsWith("repeat")).at(-1);
  return {
    due: latest ? [...steps, latest] : steps,
    passed: passed.map((entry) => entry.key),
    ahead: planned.filter((entry) => entry.at > now).map((entry) => entry.key),
  };
}
