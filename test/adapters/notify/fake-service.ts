import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** When it arrived (ms since the epoch): lines a duplicate up with the replicas' logs. */
  at: number;
}

export interface FakeService {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, as text/plain (Slack's incoming webhooks answer `ok`). */
  text?: string;
  headers?: Record<string, string>;
}

/** A local HTTP service on 127.0.0.1 that records requests and answers from a script. */
export async function fakeService(
  answer: (request: Received, index: number) => Reply,
): Promise<FakeService> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        path: req.url ?? "/",
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>,
        at: Date.now(),
      };
      received.push(request);
      const reply = answer(request, received.length - 1);
      if (reply.text !== undefined)
        res
          .writeHead(reply.status, {
            "content-type": "text/plain; charset=utf-8",
            ...reply.headers,
          })
          .end(reply.text);
      else
        res
          .writeHead(reply.status, { "content-type": "application/json", ...reply.headers })
          .end(JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Slack's Web API: a created channel is `C42` under the name asked for; topics set are kept and
 * `conversations.info` answers with them (`channel_not_found` for a channel without one); every
 * other call is ok.
 */
export async function fakeSlackApi(): Promise<FakeService & { topics: Map<string, string> }> {
  const topics = new Map<string, string>();
  const service = await fakeService((request) => {
    if (request.path === "/conversations.create")
      return { status: 200, body: { ok: true, channel: { id: "C42", name: request.body.name } } };
    if (request.path === "/conversations.setTopic")
      topics.set(String(request.body.channel), String(request.body.topic));
    if (request.path.startsWith("/conversations.info")) {
      const channel = new URL(request.path, "http://slack").searchParams.get("channel") ?? "";
      const topic = topics.get(channel);
      return {
        status: 200,
        body: topic
          ? { ok: true, channel: { id: channel, topic: { value: topic } } }
          : { ok: false, error: "channel_not_found" },
      };
    }
    return { status: 200, body: { ok: true } };
  });
  return { ...service, topics };
}

/** `fakeService` for a file's tests: what a test starts is closed after it. */
export function fakeServicesClosedAfterEach(): typeof fakeService {
  const started: FakeService[] = [];
  afterEach(async () => {
    for (const service of started.splice(0)) await service.close();
  });
  return async (answer) => {
    const service = await fakeService(answer);
    started.push(service);
    return service;
  };
}
