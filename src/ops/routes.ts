import type { IncomingMessage, ServerResponse } from "node:http";
import type { SevbotMetrics } from "./metrics.js";
import { runChecks, type ReadinessCheck } from "./readiness.js";

export interface OpsRoutesOptions {
  metrics: SevbotMetrics;
  ready: ReadinessCheck[];
  /** Per check; default 2 s, under a typical probe timeout so the probe gets an answer. */
  timeoutMs?: number;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export const OPS_PATHS = ["/healthz", "/readyz", "/metrics"] as const;

/**
 * `/healthz` (liveness: the process answers, nothing else is asked), `/readyz` (readiness: every
 * dependency check passes) and `/metrics` (Prometheus text). Same shape as Probot's
 * `server.addHandler`: resolves false for any other path so the next handler gets the request.
 */
export function createOpsRoutes(options: OpsRoutesOptions): HttpHandler {
  return async function handle(req, res) {
    const path = (req.url ?? "").split("?")[0];
    if (!OPS_PATHS.includes(path as (typeof OPS_PATHS)[number])) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res
        .writeHead(405, { allow: "GET, HEAD", "content-type": "application/json" })
        .end(JSON.stringify({ message: "use GET" }));
      return true;
    }
    if (path === "/healthz") return json(res, 200, { status: "ok" });
    if (path === "/readyz") {
      const { ready, checks } = await runChecks(options.ready, options.timeoutMs);
      return json(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready", checks });
    }
    let text: string;
    try {
      text = await options.metrics.registry.metrics();
    } catch (error) {
      // A collector that throws answers this scrape with 500, not the server with a crash.
      return json(res, 500, { message: (error as Error).message });
    }
    res
      .writeHead(200, {
        "content-type": options.metrics.registry.contentType,
        "cache-control": "no-store",
      })
      .end(text);
    return true;
  };
}

function json(res: ServerResponse, status: number, body: unknown): true {
  // no-store: a cached "ready" from a proxy would hide a replica that just lost Redis.
  res
    .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
    .end(JSON.stringify(body));
  return true;
}
