import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { alertGroupId } from "../../core/alerts/issue.js";
import type { DomainEvent } from "../../core/events.js";
import type { IssueRef } from "../../core/model.js";
import { header, pathOf, readRawBody, reply } from "../http/request.js";
import { dispatchClaimed, type InboundQueue } from "../http/queue.js";
import { ALERT_SOURCES, parseAlerts, type AlertSource } from "./formats.js";

export const ALERTS_PATH_PREFIX = "/api/alerts/";
/** Alertmanager sends whole groups (up to `max_alerts`); nothing sane is bigger. */
export const ALERTS_MAX_BODY = 5 * 1024 * 1024;

export interface AlertsRouteOptions extends InboundQueue {
  /** `SEVBOT_ALERTS_TOKEN`, sent as `Authorization: Bearer …`. */
  token: string;
  /** Where issues open (`SEVBOT_ALERTS_REPOSITORY`); its config's `alerts` section applies. */
  repository: Pick<IssueRef, "platform" | "repo">;
  wallClock?: () => number;
}

/** Constant time, hashed first so that the token's length does not leak either. */
function sameToken(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim();
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * `POST /api/alerts/<alertmanager|grafana|generic>`: a group of alerts becomes one job. Per group
 * and status at most one job a minute is queued (the job id carries the minute: BullMQ drops the
 * same id from another replica), so a storm costs a few requests per group, not per alert.
 */
export function createAlertsRoute(options: AlertsRouteOptions) {
  const wallClock = options.wallClock ?? Date.now;
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = pathOf(req);
    if (!path.startsWith(ALERTS_PATH_PREFIX)) return false;
    const source = path.slice(ALERTS_PATH_PREFIX.length) as AlertSource;
    if (!ALERT_SOURCES.includes(source))
      return reply(res, 404, `unknown alert source; use /api/alerts/${ALERT_SOURCES.join(", ")}`);
    if (req.method !== "POST") return reply(res, 405, "use POST");
    if (!sameToken(header(req, "authorization"), options.token)) {
      req.resume();
      return reply(res, 401, "missing or wrong bearer token (SEVBOT_ALERTS_TOKEN)");
    }
    const body = await readRawBody(req, ALERTS_MAX_BODY);
    if (!body) return reply(res, 413, `payload over ${ALERTS_MAX_BODY} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      return reply(res, 400, "malformed JSON");
    }
    const parsed = parseAlerts(source, json);
    if (!parsed.ok)
      return reply(res, 400, `not a ${source} alert payload`, { problems: parsed.problems });
    const { group } = parsed;
    const minute = Math.floor(wallClock() / 60_000);
    const jobId = `alert_${alertGroupId(group)}_${group.status}_${minute}`;
    if (!(await options.claim(jobId)))
      return reply(res, 202, "accepted (this group was queued in the last minute)");
    const event: DomainEvent = {
      kind: "alert",
      issue: {
        ref: { ...options.repository, number: 0 },
        title: group.title,
        body: "",
        labels: [],
        state: "open",
        author: source,
        url: "",
        confidential: false,
      },
      actor: { login: source, isBot: false },
      alert: group,
    };
    const queued = await dispatchClaimed(options, event, jobId, jobId, `alert ${jobId}`);
    if (queued === "not-served")
      return reply(res, 503, "the alerts repository's platform is not served here");
    if (queued === "failed") return reply(res, 503, "could not queue the alert; retry");
    return reply(res, 202, "accepted");
  };
}
