import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { SandboxFace, RouteResponse } from "./face.js";
import type { FaultInjector } from "./faults.js";

export interface RequestRecord {
  method: string;
  /** Without the API prefix (`/api/v3`, `/api/v4`), with the query string. */
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
 * The HTTP side of the sandbox: every request is validated against the face's OpenAPI
 * description (an invalid one gets the forge's 4xx and is recorded), faults are injected, then
 * the face routes it.
 */
export function createSandboxServer(
  face: SandboxFace,
  faults: () => FaultInjector,
  log: (line: string) => void,
  onSettled: () => void,
) {
  const requests: RequestRecord[] = [];
  let inFlight = 0;

  async function handle(req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
    const url = new URL(req.url ?? "/", base);
    const path =
      (url.pathname.startsWith(face.prefix)
        ? url.pathname.slice(face.prefix.length)
        : url.pathname) || "/";
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    const reply = (response: RouteResponse) => send(res, response, face.textType);
    const record = (status: number, extra: Partial<RequestRecord> = {}) =>
      requests.push({
        method,
        path: `${path}${url.search}`,
        status,
        valid: true,
        write: method !== "GET",
        at: new Date().toISOString(),
        ...(raw ? { body: raw } : {}),
        ...extra,
      });
    const body = raw.length > 0 ? face.parseBody(raw, req.headers) : {};
    if (!body) {
      record(400, { valid: false, errors: ["body is not JSON"] });
      return reply(face.errors.badBody);
    }
    const actor = face.actorOf(req.headers);
    if (!actor) {
      record(401);
      return reply(face.errors.unauthorized);
    }
    const check = face.validate({
      method,
      path: `${path}${url.search}`,
      body: raw.length > 0 ? body : undefined,
    });
    if (!check.ok) {
      log(`invalid request ${method} ${path}: ${check.errors.join("; ")}`);
      record(check.status, { valid: false, errors: check.errors });
      return reply(face.errors.invalid(check));
    }
    const route = face.routeFor(method, path, check);
    if (!route) {
      record(404, { operationId: check.operationId });
      return reply(face.errors.notFound);
    }
    const fault = face.faultExempt(path) ? undefined : faults().forRequest(route.write);
    const meta = {
      operationId: check.operationId,
      write: route.write,
      ...(fault ? { fault } : {}),
    };
    if (fault === "5xx") {
      record(502, meta);
      return reply(face.errors.serverError);
    }
    if (fault === "rate-limit") {
      const limited = face.errors.rateLimited;
      record(limited.status, meta);
      return reply(limited);
    }
    if (fault === "slow") await new Promise((resolve) => setTimeout(resolve, faults().slowMs));
    const response = route.handle({
      query: url.searchParams,
      body,
      headers: req.headers,
      actor,
      base,
      requestUrl: url.toString(),
    });
    if (fault === "5xx-after-write") {
      record(502, meta);
      return reply(face.errors.serverError);
    }
    record(response.status, meta);
    reply(response);
  }

  const server: Server = createServer((req, res) => {
    inFlight++;
    const base = `http://${req.headers.host ?? "127.0.0.1"}`;
    handle(req, res, base)
      .catch((error: Error) => {
        log(`sandbox error: ${error.stack ?? error.message}`);
        if (!res.headersSent)
          send(res, { status: 500, body: { message: error.message } }, face.textType);
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

function send(res: ServerResponse, response: RouteResponse, textType: string): void {
  const isText = typeof response.body === "string";
  const payload =
    response.body === undefined
      ? ""
      : isText
        ? (response.body as string)
        : JSON.stringify(response.body);
  res.writeHead(response.status, {
    "content-type": isText ? textType : "application/json; charset=utf-8",
    ...response.headers,
  });
  res.end(response.status === 304 ? undefined : payload);
}
