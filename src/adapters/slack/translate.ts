import { z } from "zod";
import type { RemoteEvent } from "../../core/events.js";
import { remoteEvent } from "../../core/remote/event.js";
import { SLACK_ACTIONS } from "../notify/slack.js";
import { issueOfDedupKey } from "../pagerduty/translate.js";

/** What a Slack request asks: an action on an incident, or only a private answer. */
export type SlackTranslation =
  | { kind: "event"; event: RemoteEvent; answer: string }
  | { kind: "answer"; status: number; text: string };

/** A `block_actions` payload (Slack's interactivity docs): only the fields sevbot reads. */
const BlockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({
    id: z.string().min(1),
    username: z.string().optional(),
    name: z.string().optional(),
  }),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        value: z.string().optional(),
        action_ts: z.string().optional(),
      }),
    )
    .min(1),
});

/** A slash command (form fields, Slack's slash-command docs). */
const SlashCommand = z.object({
  command: z.string().min(1),
  text: z.string().default(""),
  user_id: z.string().min(1),
  user_name: z.string().default(""),
  channel_id: z.string().min(1),
  response_url: z.string().optional(),
  trigger_id: z.string().min(1),
});

const USAGE =
  "Usage, in an incident's war-room channel: `/sevbot ack`, `/sevbot lead`, `/sevbot status <what is happening now>`.";

/** A form-encoded Slack request → what sevbot does with it. */
export function translateSlackRequest(
  form: URLSearchParams,
  warRoomIncident: (channelId: string) => string | undefined,
): SlackTranslation {
  const payload = form.get("payload");
  if (payload !== null) return fromInteraction(payload);
  const command = SlashCommand.safeParse(Object.fromEntries(form));
  if (!command.success)
    return {
      kind: "answer",
      status: 400,
      text: "neither an interaction payload nor a slash command",
    };
  return fromSlashCommand(command.data, warRoomIncident(command.data.channel_id));
}

function fromInteraction(text: string): SlackTranslation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "answer", status: 400, text: "malformed interaction payload" };
  }
  const parsed = BlockActions.safeParse(json);
  if (!parsed.success) return { kind: "answer", status: 200, text: "" }; // another interaction type
  const { user, actions } = parsed.data;
  const action = actions[0]!;
  const command =
    action.action_id === SLACK_ACTIONS.ack
      ? "/ack"
      : action.action_id === SLACK_ACTIONS.lead
        ? "/lead"
        : undefined;
  const ref = issueOfDedupKey(action.value);
  if (!command || !ref) return { kind: "answer", status: 200, text: "" }; // the link button, or not ours
  const id = `${user.id}:${action.action_id}:${action.action_ts ?? parsed.data.trigger_id ?? ""}`;
  return {
    kind: "event",
    event: remoteEvent({
      ref,
      origin: "slack",
      id,
      user: { id: user.id, name: user.username ?? user.name ?? user.id },
      action: { type: "commands", text: command },
      replyUrl: parsed.data.response_url,
    }),
    answer: `Passing ${command} to ${ref.repo}#${ref.number}…`,
  };
}

function fromSlashCommand(
  command: z.infer<typeof SlashCommand>,
  incidentKey: string | undefined,
): SlackTranslation {
  const match = /^\s*(ack|lead|status)\b\s*(.*)$/is.exec(command.text);
  if (!match) return { kind: "answer", status: 200, text: USAGE };
  const word = match[1]!.toLowerCase();
  const rest = match[2]!.replace(/\r?\n/g, " ").trim();
  if (word === "status" && !rest) return { kind: "answer", status: 200, text: USAGE };
  const ref = issueOfDedupKey(incidentKey);
  if (!ref)
    return {
      kind: "answer",
      status: 200,
      text: `This channel is not an incident's war room that sevbot knows. ${USAGE}`,
    };
  const text = word === "status" ? `/status ${rest}` : `/${word}`;
  return {
    kind: "event",
    event: remoteEvent({
      ref,
      origin: "slack",
      id: command.trigger_id,
      user: { id: command.user_id, name: command.user_name || command.user_id },
      action: { type: "commands", text },
      replyUrl: command.response_url,
    }),
    answer: `Passing \`${text.slice(0, 80)}\` to ${ref.repo}#${ref.number}…`,
  };
}
