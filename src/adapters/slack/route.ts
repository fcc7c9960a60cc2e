import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { WAR_ROOM_MEMORY_MS, type SharedMemo } from "../../app/shared-memo.js";
import { header, pathOf, readRawBody, reply } from "../http/request.js";
import { dispatchClaimed, type InboundQueue } from "../http/queue.js";
import { checkSlackSignature } from "./signature.js";
import { translateSlackRequest } from "./translate.js";

export const SLACK_INTERACTIONS_PATH = "/api/slack/interactions";
/** Interaction payloads carry the whole message; slash commands are small. */
export const SLACK_MAX_BODY = 1024 * 1024;

export interface SlackRouteOptions extends InboundQueue {
  /** `SLACK_SIGNING_SECRET`. */
  signingSecret: string;
  wallClock?: () => number;
  /** Which incident a war-room channel belongs to. */
  memo: SharedMemo;
  /** Asks Slack when the memo has forgotten a channel (`war-room-lookup.ts`); with a bot token. */
  lookupRoom?: (channel: string) => Promise<string | undefined>;
}

const STATUS_OF_CHECK = { missing: 401, invalid: 401, stale: 401 } as const;
const MESSAGE_OF_CHECK = {
  missing: "missing X-Slack-Signature or X-Slack-Request-Timestamp",
  invalid: "invalid X-Slack-Signature",
  stale: "X-Slack-Request-Timestamp is more than 5 minutes from now (a replay?)",
} as const;

/**
 * `POST /api/slack/interactions`: Slack's buttons (block_actions) and the `/sevbot` slash command.
 * Slack waits 3 s: the answer is a private "passing it on" at once; what sevbot did shows on the
 * issue, and a refusal comes back privately through the request's `response_url`.
 */
export function createSlackRoute(options: SlackRouteOptions) {
  const wallClock = options.wallClock ?? Date.now;
  const ephemeral = (res: ServerResponse, text: string) =>
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ response_type: "ephemeral", text }));
  async function warRoomOf(channel: string): Promise<string | undefined> {
    const remembered = await options.memo.get(`war-room:${channel}`);
    if (remembered || !options.lookupRoom) return remembered;
    const found = await options.lookupRoom(channel);
    if (found) await options.memo.set(`war-room:${channel}`, found, WAR_ROOM_MEMORY_MS);
    return found;
  }
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (pathOf(req) !== SLACK_INTERACTIONS_PATH) return false;
    if (req.method !== "POST") return reply(res, 405, "use POST");
    const body = await readRawBody(req, SLACK_MAX_BODY);
    if (!body) return reply(res, 413, `payload over ${SLACK_MAX_BODY} bytes`);
    const check = checkSlackSignature(
      header(req, "x-slack-signature"),
      header(req, "x-slack-request-timestamp"),
      body,
      options.signingSecret,
      wallClock(),
    );
    if (check !== "ok") return reply(res, STATUS_OF_CHECK[check], MESSAGE_OF_CHECK[check]);
    const rooms = new Map<string, string | undefined>();
    const form = new URLSearchParams(body.toString("utf8"));
    const channel = form.get("channel_id");
    if (channel) rooms.set(channel, await warRoomOf(channel));
    const translation = translateSlackRequest(form, (id) => rooms.get(id));
    if (translation.kind === "answer") {
      if (translation.status !== 200) return reply(res, translation.status, translation.text);
      if (!translation.text) return (void res.writeHead(200).end(), true);
      return (ephemeral(res, translation.text), true);
    }
    const jobId = `slack_${createHash("sha256").update(translation.event.id).digest("hex").slice(0, 32)}`;
    if (!(await options.claim(jobId))) return (ephemeral(res, "Already passed on."), true);
    const what = `Slack action ${jobId}`;
    const queued = await dispatchClaimed(options, translation.event, jobId, jobId, what);
    if (queued === "not-served")
      return (ephemeral(res, "That incident's platform is not served by this sevbot."), true);
    if (queued === "failed") return reply(res, 503, "could not queue the action; try again");
    return (ephemeral(res, translation.answer), true);
  };
}
