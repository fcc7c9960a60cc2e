import type { IncomingMessage, ServerResponse } from "node:http";
import type { SharedMemo } from "../../app/shared-memo.js";
import { header, pathOf, readRawBody, reply } from "../http/request.js";
import { dispatchClaimed, type InboundQueue } from "../http/queue.js";
import { pagerDutySignatureValid } from "./signature.js";
import {
  incidentIdAndKey,
  noteIncidentId,
  PagerDutyWebhook,
  translatePagerDutyEvent,
} from "./translate.js";

export const PAGERDUTY_WEBHOOK_PATH = "/api/pagerduty/webhooks";
/** PagerDuty drops every webhook over 256 KB: nothing legitimate is bigger. */
export const PAGERDUTY_MAX_BODY = 256 * 1024;
/** PagerDuty retries a delivery for about 20 minutes; an event older than this is a replay. */
export const PAGERDUTY_MAX_AGE_MS = 60 * 60_000;
const REMEMBER_INCIDENT_MS = 30 * 24 * 60 * 60_000;

export interface PagerDutyRouteOptions extends InboundQueue {
  /** `PAGERDUTY_WEBHOOK_SECRET`: one secret, or several while rotating. */
  secrets: readonly string[];
  /** Real time (the vendor's `occurred_at` is real time, whatever the server's simulated clock says). */
  wallClock?: () => number;
  /** Which sevbot incident a PagerDuty incident id belongs to (notes carry only the id). */
  memo: SharedMemo;
}

/**
 * `POST /api/pagerduty/webhooks`: PagerDuty's V3 webhooks, signed. Answers fast (PagerDuty waits
 * 5 s); refused requests (4xx) change nothing, and PagerDuty does not retry them.
 */
export function createPagerDutyRoute(options: PagerDutyRouteOptions) {
  const wallClock = options.wallClock ?? Date.now;
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (pathOf(req) !== PAGERDUTY_WEBHOOK_PATH) return false;
    if (req.method !== "POST") return reply(res, 405, "use POST");
    const body = await readRawBody(req, PAGERDUTY_MAX_BODY);
    if (!body) return reply(res, 413, `payload over ${PAGERDUTY_MAX_BODY} bytes`);
    if (!pagerDutySignatureValid(header(req, "x-pagerduty-signature"), body, options.secrets))
      return reply(res, 401, "missing or invalid X-PagerDuty-Signature");
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      return reply(res, 400, "malformed JSON");
    }
    const parsed = PagerDutyWebhook.safeParse(json);
    if (!parsed.success)
      return reply(res, 400, "not a PagerDuty V3 webhook event", {
        problems: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
      });
    const payload = parsed.data;
    const age = wallClock() - Date.parse(payload.event.occurred_at);
    if (age > PAGERDUTY_MAX_AGE_MS || age < -5 * 60_000)
      return reply(res, 400, `stale event: occurred at ${payload.event.occurred_at}`);
    const known = incidentIdAndKey(payload);
    if (known) await options.memo.set(`pagerduty:${known[0]}`, known[1], REMEMBER_INCIDENT_MS);
    const noteOf = noteIncidentId(payload);
    const noteKey = noteOf ? await options.memo.get(`pagerduty:${noteOf}`) : undefined;
    const translation = translatePagerDutyEvent(payload, noteKey);
    if (translation.kind === "ignored") return reply(res, 200, `ignored: ${translation.reason}`);
    const id = header(req, "x-webhook-id") ?? payload.event.id;
    if (!(await options.claim(id))) return reply(res, 200, "duplicate delivery ignored");
    const queued = await dispatchClaimed(
      options,
      translation.event,
      `pagerduty_${payload.event.id}`,
      id,
      `PagerDuty event ${payload.event.id}`,
    );
    if (queued === "not-served")
      return reply(res, 200, "ignored: that platform is not served here");
    if (queued === "failed") return reply(res, 503, "could not queue the event; retry");
    return reply(res, 202, "accepted");
  };
}
