import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createGithubValidator } from "../openapi/github.js";
import type { FaultInjector } from "./faults.js";
import type { Route, RouteResponse } from "./routes.js";
import { BOT, type SandboxUser } from "./store.js";

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  operationId?: string;
  valid: boolean;
  errors?: string[];
  write: boolean;
  fault?: string;
  at: string;
  /** The request body as sent, for tests that search what sevbot wrote where. */
  body?: string;
}

const MAX_BODY = 25 * 1024 * 1024;

/**
 * The HTTP face of the sandbox: every request is validated against GitHub's OpenAPI description
 * (an invalid one gets GitHub's 4xx and is recorded), faults are injected, then routed.
 */
export function createSandboxServer(routes: Route[], faults: () => FaultInjector, log: (line: string) => void, onSettled: () => void, userNamed: (login: string) => SandboxUser) {
  // The app's installation token acts as sevbot[bot]; a personal token `user-<login>` acts as that person (drills, CLIs).
  const actorOf = (authorization: string | undefined): SandboxUser => {
    const match = /^(?:token|bearer) user-(\S+)$/i.exec(authorization ?? "");
    return match ? userNamed(match[1]!) : BOT;
  };
  const validate = createGithubValidator();
  const requests: RequestRecord[] = [];
  let inFlight = 0;

  async function handle(req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname.replace(/^\/api\/v3/, "") || "/";
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    const record = (status: number, extra: Partial<RequestRecord> = {}) =>
      requests.push({ method, path: `${path}${url.search}`, status, valid: true, write: method !== "GET", at: new Date().toISOString(), ...(raw ? { body: raw } : {}), ...extra });
    let body: Record<string, unknown> = {};
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        record(400, { valid: false, errors: ["body is not JSON"] });
        return send(res, { status: 400, body: { message: "Problems parsing JSON" } });
      }
    }
    const check = validate({ method, path: `${path}${url.search}`, body: raw.length > 0 ? body : undefined });
    if (!check.ok) {
      log(`invalid request ${method} ${path}: ${check.errors.join("; ")}`);
      record(check.status, { valid: false, errors: check.errors });
      return send(res, { status: check.status, body: { message: check.status === 404 ? "Not Found" : "Validation Failed", errors: check.errors, documentation_url: "https://docs.github.com/rest" } });
    }
    const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    if (!route) {
      record(404, { operationId: check.operationId });
      return send(res, { status: 404, body: { message: "Not Found" } });
    }
    const fault = path.includes("access_tokens") ? undefined : faults().forRequest(route.write);
    const meta = { operationId: check.operationId, write: route.write, ...(fault ? { fault } : {}) };
    if (fault === "5xx") {
      record(502, meta);
      return send(res, { status: 502, body: { message: "Server Error" } });
    }
    if (fault === "rate-limit") {
      record(403, meta);
      return send(res, { status: 403, headers: { "retry-after": "1", "x-ratelimit-remaining": "4000" }, body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" } });
    }
    if (fault === "slow") await new Promise((resolve) => setTimeout(resolve, 1500));
    const params = route.pattern.exec(path)!.slice(1);
    const actor = actorOf(req.headers.authorization);
    const response = route.handle({ params, query: url.searchParams, body, headers: req.headers, actor, base, requestUrl: url.toString() });
    if (fault === "5xx-after-write") {
      record(502, meta);
      return send(res, { status: 502, body: { message: "Server Error" } });
    }
    record(response.status, meta);
    send(res, response);
  }

  const server: Server = createServer((req, res) => {
    inFlight++;
    const base = `http://${req.headers.host ?? "127.0.0.1"}`;
    handle(req, res, base)
      .catch((error: Error) => {
        log(`sandbox error: ${error.stack ?? error.message}`);
        if (!res.headersSent) send(res, { status: 500, body: { message: error.message } });
      })
      .finally(() => {
        inFlight--;
        onSettled();
      });
  });
  return { server, requests, inFlight: () => inFlight };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error("body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: RouteResponse): void {
  const isText = typeof response.body === "string";
  const payload = response.body === undefined ? "" : isText ? (response.body as string) : JSON.stringify(response.body);
  res.writeHead(response.status, { "content-type": isText ? "application/vnd.github.raw; charset=utf-8" : "application/json; charset=utf-8", ...response.headers });
  res.end(response.status === 304 ? undefined : payload);
}
