import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { header, pathOf, readBody, reply } from "../http/request.js";
import type { DeliveryDedupe } from "../../app/delivery-dedupe.js";
import type { DomainEvent } from "../../core/events.js";
import type { DeliveryOutcome } from "../../ops/metrics.js";
import { translateGitlabEvent, type GitlabPayload } from "./translate.js";

export const GITLAB_WEBHOOK_PATH = "/api/gitlab/webhooks";

export interface GitlabRouteOptions {
  secret: string;
  dedupe: DeliveryDedupe;
  botUsername?: string;
  /** Receives the translated events; must not wait for the work (GitLab wants 2xx fast). */
  dispatch: (events: DomainEvent[], deliveryId: string) => Promise<void>;
  /** Told what became of each request (for `/metrics`). */
  onOutcome?: (outcome: DeliveryOutcome) => void;
  log: (line: string) => void;
}

/** Constant-time comparison of the shared secret (hashed first, so lengths never leak). */
function sameSecret(given: string | undefined, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/**
 * `POST /api/gitlab/webhooks` on the same server as GitHub's route: `X-Gitlab-Token` checked,
 * dedupe on `Idempotency-Key` (not `X-Gitlab-Event-UUID`, shared by a whole chain), 2xx at
 * once; events sevbot ignores get 200 too, since GitLab disables a hook after 4 failures.
 */
export function createGitlabRoute(options: GitlabRouteOptions) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (pathOf(req) !== GITLAB_WEBHOOK_PATH) return false;
    /** Every answer is also counted, by what became of the delivery. */
    const answer = (kind: DeliveryOutcome, status: number, message: string) => {
      options.onOutcome?.(kind);
      return reply(res, status, message);
    };
    if (req.method !== "POST") return reply(res, 405, "use POST");
    if (!sameSecret(header(req, "x-gitlab-token"), options.secret))
      return answer("rejected", 401, "unauthorized");
    const body = await readBody(req);
    if (body === undefined) return answer("rejected", 413, "payload too large");
    let payload: GitlabPayload;
    try {
      payload = JSON.parse(body) as GitlabPayload;
    } catch {
      return answer("rejected", 400, "malformed JSON");
    }
    const deliveryId =
      header(req, "idempotency-key") ??
      header(req, "x-gitlab-webhook-uuid") ??
      createHash("sha256").update(body).digest("hex");
    if (!(await options.dedupe.claim(deliveryId)))
      return answer("duplicate", 200, "duplicate delivery ignored");
    const translation = translateGitlabEvent(payload, options.botUsername);
    if (translation.kind === "ignored")
      return answer("ignored", 200, `ignored: ${translation.reason}`);
    try {
      await options.dispatch(translation.events, deliveryId);
    } catch (error) {
      // Not queued: let GitLab send it again rather than lose it (the claim is given back).
      await options.dedupe.release?.(deliveryId);
      options.log(`could not queue GitLab delivery ${deliveryId}: ${(error as Error).message}`);
      return reply(res, 503, "could not queue the event; retry");
    }
    return answer("accepted", 202, "accepted");
  };
}
