import { fnv1a } from "../codename.js";
import { parseCommands } from "../commands/parse.js";
import type { CommentEvent, RemoteEvent } from "../events.js";
import { mention, neutralizeMentions } from "../mentions.js";
import { isOpen, issueKey, type Incident } from "../model.js";
import { incidentDisplayTitle } from "../render/log-issue.js";
import { originName } from "../remote/actor.js";
import { onCommands } from "./commands.js";
import { nothing, type DecideContext, type Decision } from "./types.js";

/**
 * A responder acted in PagerDuty or Slack: the same commands, permissions and ledger as a
 * comment. Events about issues with no incident, and acknowledgements of an incident already
 * acknowledged (PagerDuty echoes sevbot's own), change nothing and say nothing.
 */
export function onRemoteAction(
  incident: Incident | undefined,
  event: RemoteEvent,
  context: DecideContext,
): Decision {
  if (!incident) return nothing(incident);
  const key = `remote-${event.origin}-${fnv1a(event.id).toString(16)}`;
  if (incident.done.includes(key)) return nothing(incident);
  const decided = decideAction(incident, event, context);
  if (!decided.incident) return decided;
  return { ...decided, incident: { ...decided.incident, done: [...decided.incident.done, key] } };
}

function decideAction(incident: Incident, event: RemoteEvent, context: DecideContext): Decision {
  const via = originName(event.origin);
  switch (event.action.type) {
    case "note":
      return {
        incident: withEntry(incident, context.now, `${via} note: ${event.action.text}`, event),
        actions: [],
      };
    case "resolved-elsewhere":
      return resolvedElsewhere(incident, event, via, context);
    case "commands":
      return asComment(incident, event, event.action.text, via, context);
  }
}

function asComment(
  incident: Incident,
  event: RemoteEvent,
  text: string,
  via: string,
  context: DecideContext,
): Decision {
  const commands = parseCommands(text);
  const echoedAck =
    commands.every((command) => command.name === "ack") &&
    incident.status !== "declared" &&
    incident.pendingHandoff?.to.toLowerCase() !== event.actor.login.toLowerCase();
  if (commands.length === 0 || echoedAck) return nothing(incident);
  if (event.origin === "slack" && !event.mapped)
    return privateReply(
      incident,
      event,
      `Not done: your Slack user (${event.user.id}) is not linked to a ${incident.source.platform === "gitlab" ? "GitLab" : "GitHub"} user. Add \`<your user name>: ${event.user.id}\` to \`notifications.slackUsers\` in sevbot's config. Nothing was changed.`,
    );
  // An unmapped PagerDuty agent: PagerDuty's signed word is enough to acknowledge its page, nothing more.
  const onlyAck = commands.every((command) => command.name === "ack");
  const permission = event.vouched && onlyAck ? "write" : event.mapped ? event.permission : "none";
  const comment: CommentEvent = {
    kind: "comment-created",
    issue: event.issue,
    actor: event.actor,
    comment: {
      id: fnv1a(`${event.origin}:${event.id}`),
      body: text,
      author: event.actor.login,
      byBot: false,
    },
    ...(permission ? { permission } : {}),
    ...(event.named ? { named: event.named } : {}),
    via,
  };
  const decided = onCommands(incident, comment, context);
  if (event.origin !== "slack") return decided;
  // In Slack a refusal is said to the person who clicked, privately, instead of on the issue.
  const refusals = decided.actions.filter(
    (action) => action.kind === "comment" && action.key.startsWith("refused-"),
  );
  if (refusals.length === 0) return decided;
  const reply = privateReply(
    incident,
    event,
    refusals.map((action) => (action as { body: string }).body).join("\n"),
  );
  return {
    incident: decided.incident,
    actions: [...decided.actions.filter((action) => !refusals.includes(action)), ...reply.actions],
  };
}

/** A private answer to the Slack user (ephemeral, through the interaction's `response_url`). */
function privateReply(incident: Incident, event: RemoteEvent, text: string): Decision {
  if (!event.replyUrl) return nothing(incident);
  const key = `reply-${fnv1a(`${event.origin}:${event.id}`).toString(16)}`;
  return {
    incident,
    actions: [
      {
        kind: "notify",
        key,
        notification: {
          key,
          incidentKey: issueKey(incident.source),
          kind: "reply",
          severity: incident.severity,
          title: incidentDisplayTitle(incident, ""),
          text,
          url: incident.url ?? "",
          targets: {
            channels: [],
            users: [],
            emails: [],
            page: false,
            replyUrl: event.replyUrl,
            onlyTargets: true,
          },
        },
      },
    ],
  };
}

function resolvedElsewhere(
  incident: Incident,
  event: RemoteEvent,
  via: string,
  context: DecideContext,
): Decision {
  if (!isOpen(incident)) return nothing(incident);
  const who = neutralizeMentions(event.actor.login);
  const next = withEntry(incident, context.now, `Resolved in ${via} by ${who}`, event);
  const lead = incident.lead ? `${mention(incident.lead)}: ` : "";
  return {
    incident: next,
    actions: [
      {
        kind: "comment",
        key: `remote-resolved-${fnv1a(event.id).toString(16)}`,
        issue: incident.source,
        body: `✅ ${via} shows this incident resolved by ${who}. ${lead}when it is, resolve it here with \`/resolve root cause: <what happened>\` (or \`/resolve root cause unknown\`): the root cause is the team's to state.`,
      },
    ],
  };
}

function withEntry(incident: Incident, at: string, text: string, event: RemoteEvent): Incident {
  const entry = { at, text: neutralizeMentions(text), actor: event.actor.login };
  return { ...incident, timeline: [...incident.timeline, entry] };
}
