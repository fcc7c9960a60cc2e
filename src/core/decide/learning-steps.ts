import { LOG_LINK, type Action } from "../actions.js";
import { fnv1a } from "../codename.js";
import { labelsFor } from "../drill.js";
import type { CommentEvent } from "../events.js";
import { neutralizeMentions } from "../mentions.js";
import { sameIssue, type Incident } from "../model.js";
import { issueLink, severityName } from "../render/format.js";
import { incidentDisplayTitle } from "../render/log-issue.js";
import { matchFeatures } from "../similar/features.js";
import { usage, withEntry, type Step } from "./command-step.js";
import { similarAction } from "./declare.js";
import type { DecideContext } from "./types.js";

/**
 * The commands that record what was learned (seed 001's log): `/impact`, `/action`, `/similar`.
 * The impact text goes in the Impact row, which a codenamed log leaves out; the timeline only
 * notes it.
 */
export const impactStep: Step = (incident, command, event, context) => {
  const text = command.name === "impact" ? command.text : "";
  if (!text) return usage(incident, event, "Usage: `/impact <who is affected, how, how much>`");
  return {
    incident: withEntry(
      { ...incident, impact: text },
      context.now,
      "Impact recorded",
      event.actor.login,
    ),
    actions: [],
  };
};

export const actionStep: Step = (incident, command, event, context) => {
  if (command.name !== "action" || !command.text)
    return usage(
      incident,
      event,
      "Usage: `/action #123` (link an issue) or `/action <what to do>` (open one)",
    );
  return command.issue
    ? linkActionItem(incident, command.issue, event, context)
    : openActionItem(incident, command.text, event, context);
};

export const similarStep: Step = (incident, _command, event, context) => {
  // The report may have been filled in since the declaration: match on what it says now.
  const next = { ...incident, ...matchFeatures(event.issue.title, event.issue.body) };
  return {
    incident: next,
    actions: [similarAction(next, `similar-${event.comment.id}`, true, context)],
  };
};

function linkActionItem(
  incident: Incident,
  issue: string,
  event: CommentEvent,
  context: DecideContext,
): { incident: Incident; actions: Action[] } {
  const [repo, number] = issue.split("#") as [string, string];
  const ref = {
    platform: incident.source.platform,
    repo: repo || incident.source.repo,
    number: Number(number),
  };
  const items = incident.actionItems ?? [];
  if (items.some((item) => sameIssue(item, ref))) return { incident, actions: [] };
  return {
    incident: withEntry(
      { ...incident, actionItems: [...items, ref] },
      context.now,
      `Action item linked: ${issueLink(ref, incident.source)}`,
      event.actor.login,
    ),
    actions: [],
  };
}

/** An issue in the source repository, labelled as follow-ups are, linked to the incident. */
function openActionItem(
  incident: Incident,
  text: string,
  event: CommentEvent,
  context: DecideContext,
): { incident: Incident; actions: Action[] } {
  const title = incidentDisplayTitle(incident, incident.source.repo);
  return {
    incident: withEntry(incident, context.now, "Action item opened", event.actor.login),
    actions: [
      {
        kind: "create-action-item",
        key: `action-item-${event.comment.id}-${fnv1a(text).toString(16)}`,
        repo: incident.source.repo,
        title: `Action item: ${neutralizeMentions(text)}`,
        body: [
          `An action item from the ${severityName(incident.severity)} incident ${issueLink(incident.source)} (${title}), opened by ${event.actor.login} with \`/action\`.`,
          "",
          `Incident log: ${LOG_LINK}`,
        ].join("\n"),
        // A drill's action item is labelled as a drill, like everything else it opens.
        labels: labelsFor(incident, context.config.resolution.followUpLabels, context.config),
        confidential: incident.confidential,
      },
    ],
  };
}
