import type { SevbotConfig } from "../../config/schema.js";
import type { Action } from "../actions.js";
import type { Command } from "../commands/types.js";
import type { CommentEvent } from "../events.js";
import { onlyDrillParticipants } from "../drill.js";
import { mentionAll, neutralizeMentions } from "../mentions.js";
import { issueKey, type Incident } from "../model.js";
import { onCallNow } from "../oncall.js";
import { incidentDisplayTitle } from "../render/log-issue.js";
import { codeSpan, severityName } from "../render/format.js";
import { personLookup, slackIdsFor } from "../slack-ids.js";
import type { DecideContext } from "./types.js";

/**
 * Who `/page x` reaches: a team's members, whoever is on call in a rotation of that name, or the
 * person `@x`. A bare name that is no team or rotation reaches nobody: a mistyped team must not
 * ping whoever owns that user name.
 */
export function pageTargets(
  target: string,
  config: SevbotConfig,
  now: Date,
  mention = true,
): string[] {
  const lower = target.toLowerCase();
  const team = Object.entries(config.notifications.teams).find(
    ([name]) => name.toLowerCase() === lower,
  );
  if (team) return [...new Set(team[1].map((user) => user.replace(/^@/, "")))];
  const rotation = config.rotations.find((entry) => entry.name.toLowerCase() === lower);
  if (rotation) {
    const onCall = onCallNow(rotation, now).user;
    return onCall ? [onCall] : [];
  }
  return mention ? [target] : [];
}

function isTeamOrRotation(name: string, config: SevbotConfig): boolean {
  const lower = name.toLowerCase();
  return (
    Object.keys(config.notifications.teams).some((team) => team.toLowerCase() === lower) ||
    config.rotations.some((rotation) => rotation.name.toLowerCase() === lower)
  );
}

/** The values of a per-person setting for `people`, those who have one. */
function valuesFor(people: string[], mapping: Record<string, string>): string[] {
  const valueOf = personLookup(mapping);
  return people.flatMap((person) => valueOf(person) ?? []);
}

/**
 * `/page @user [reason]`: reaches them now through every channel configured for them (a Slack
 * direct message, e-mail), records it on the timeline and says on the issue how they were reached.
 */
export function pageStep(
  incident: Incident,
  command: Command,
  event: CommentEvent,
  { config, now }: DecideContext,
): { incident: Incident; actions: Action[] } {
  const step = incident.timeline.length;
  const replyKey = `page-${event.comment.id}-${step}`;
  const target = command.name === "page" ? command.target : undefined;
  const reason = command.name === "page" ? command.reason : "";
  const reply = (body: string): Action => ({
    kind: "comment",
    key: replyKey,
    issue: incident.source,
    body,
  });
  if (!target)
    return { incident, actions: [reply("Usage: `/page @user [reason]` or `/page team-name`")] };
  const mention = command.name === "page" && command.mention !== false;
  const named = pageTargets(target, config, new Date(now), mention);
  // A drill messages only its participants (drills.participants), whoever is paged.
  const people = onlyDrillParticipants(incident, named, config);
  if (named.length > 0 && people.length === 0)
    return {
      incident,
      actions: [
        reply(
          `Not done: this is a drill, and ${named.map(codeSpan).join(", ")} ${named.length > 1 ? "are" : "is"} not among its participants (\`drills.participants\`).`,
        ),
      ],
    };
  if (people.length === 0 && !mention && !isTeamOrRotation(target, config))
    return {
      incident,
      actions: [
        reply(
          `Not done: there is no team or rotation named ${codeSpan(target)} (\`notifications.teams\`, \`rotations\`). To page a person, write \`/page @user\`.`,
        ),
      ],
    };
  if (people.length === 0)
    return { incident, actions: [reply(`Not done: nobody is on call in ${target} now.`)] };
  const slackIds = slackIdsFor(people, config);
  const emails = valuesFor(people, config.notifications.emails);
  const pagerdutyUserIds = valuesFor(people, config.notifications.pagerdutyUsers);
  const why = reason ? `: ${neutralizeMentions(reason)}` : "";
  const next: Incident = {
    ...incident,
    timeline: [
      ...incident.timeline,
      { at: now, text: `Paged ${people.join(", ")}${why}`, actor: event.actor.login },
    ],
  };
  const title = incidentDisplayTitle(incident, "");
  const text = `${event.actor.login} asks you to join this ${severityName(incident.severity)} now${incident.confidential ? "" : why}.`;
  const notice: Action = {
    kind: "notify",
    key: `notify-page-${replyKey}`,
    notification: {
      key: `notify-page-${replyKey}`,
      incidentKey: issueKey(incident.source),
      kind: "page",
      severity: incident.severity,
      title,
      text,
      url: incident.url ?? "",
      ...(incident.drill ? { drill: true } : {}),
      targets: {
        channels: [],
        users: people,
        emails,
        page: false,
        ...(Object.keys(slackIds).length > 0 ? { slackIds } : {}),
        ...(pagerdutyUserIds.length > 0 ? { pagerdutyUserIds } : {}),
      },
    },
  };
  const reached = [
    ...(Object.keys(slackIds).length > 0 ? ["Slack direct message"] : []),
    ...(emails.length > 0 ? ["e-mail"] : []),
    ...(pagerdutyUserIds.length > 0 ? ["a PagerDuty responder request"] : []),
  ];
  const how =
    reached.length > 0
      ? ` through ${reached.length > 1 ? `${reached.slice(0, -1).join(", ")} and ${reached.at(-1)}` : reached[0]}`
      : " (no Slack member id or e-mail is configured for them in `notifications`: only this mention reaches them)";
  return {
    incident: next,
    actions: [reply(`📟 Paging ${mentionAll(people)} now${how}${why}.`), notice],
  };
}
