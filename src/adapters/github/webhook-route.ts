import type { IncomingMessage, ServerResponse } from "node:http";
import type { DeliveryOutcome } from "../../ops/metrics.js";
import { header, pathOf, readRawBody, reply } from "../http/request.js";
import type { GithubDelivery } from "./accept-delivery.js";
import { signatureMatches } from "./signature.js";

export const GITHUB_WEBHOOK_PATH = "/api/github/webhooks";
const EVENTS = new Set(["issues", "issue_comment"]);

export interface GithubRouteOptions {
  secret: string;
  accept: (delivery: GithubDelivery) => Promise<DeliveryOutcome>;
  /** Told of requests refused before a delivery could be accepted (for `/metrics`). */
  onRejected?: () => void;
  log: (line: string) => void;
}

/**
 * `POST /api/github/webhooks`, answered by sevbot itself rather than Probot's middleware, which
 * builds a context, an authenticated Octokit and a request log per delivery before any handler
 * runs (docs/operations.md, *Ingress*): the signature (`X-Hub-Signature-256`) is checked on the raw
 * body, then the delivery is queued and answered at once.
 */
export function createGithubWebhookRoute(options: GithubRouteOptions) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (pathOf(req) !== GITHUB_WEBHOOK_PATH) return false;
    const refuse = (status: number, message: string) => {
      options.onRejected?.();
      return reply(res, status, message);
    };
    if (req.method !== "POST") return reply(res, 405, "use POST");
    const signature = header(req, "x-hub-signature-256");
    const name = header(req, "x-github-event");
    const id = header(req, "x-github-delivery");
    if (!signature || !name || !id)
      return refuse(400, "X-Hub-Signature-256, X-GitHub-Event and X-GitHub-Delivery are required");
    const body = await readRawBody(req);
    if (body === undefined) return refuse(413, "payload too large");
    if (!signatureMatches(options.secret, body, signature))
      return refuse(401, "signature does not match the webhook secret");
    if (!EVENTS.has(name)) return reply(res, 200, `ignored: sevbot does not handle ${name}`);
    const payload = parsePayload(body.toString("utf8"));
    if (!payload) return refuse(400, "not an issues or issue_comment payload");
    try {
      const outcome = await options.accept({ id, name, payload });
      return reply(res, outcome === "accepted" ? 202 : 200, outcome);
    } catch (error) {
      options.log(`could not queue GitHub delivery ${id}: ${(error as Error).message}`);
      return reply(res, 503, "could not queue the event; retry");
    }
  };
}

/** The payload when it has what translation reads, so a malformed one is a 400, not a crash. */
function parsePayload(body: string): GithubDelivery["payload"] | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return undefined;
  }
  const candidate = payload as Partial<GithubDelivery["payload"]> | null;
  const issue = candidate?.issue;
  const comment = candidate?.comment;
  const ok =
    typeof candidate?.action === "string" &&
    typeof issue?.number === "number" &&
    typeof issue.title === "string" &&
    (issue.labels === undefined || Array.isArray(issue.labels)) &&
    (comment === undefined || typeof comment.id === "number") &&
    typeof candidate.repository?.full_name === "string" &&
    typeof candidate.sender?.login === "string";
  return ok ? (candidate as GithubDelivery["payload"]) : undefined;
}
