import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

export interface IngressLimits {
  /** GitHub caps webhook payloads at 25 MB; nothing legitimate is bigger. */
  maxBodyBytes: number;
  /** A request whose body has not fully arrived by then is dropped (slow-body attacks hold sockets). */
  bodyTimeoutMs: number;
  /** How often Node looks for such requests: a slow one is dropped within this much past the timeout. */
  checkEveryMs: number;
}

export const DEFAULT_INGRESS: IngressLimits = {
  maxBodyBytes: 25 * 1024 * 1024,
  bodyTimeoutMs: 10_000,
  checkEveryMs: 1_000,
};

/**
 * Puts limits in front of every handler of an HTTP server, before it listens: a declared body
 * over the cap gets 413 before a byte is read, and a body that trickles in past the timeout gets
 * 408 and the socket closed. The timeout is Node's own `requestTimeout`, whose check already runs
 * on every server: a timer per request cost 4 µs and 2.6 KB of garbage per delivery under a flood
 * (docs/operations.md, *Ingress*).
 */
export function guardIngress(server: Server, limits: IngressLimits = DEFAULT_INGRESS): void {
  // Node arms its periodic check when the server starts listening, with the period set then.
  if (server.listening) throw new Error("guardIngress must be called before the server listens");
  server.requestTimeout = limits.bodyTimeoutMs;
  server.headersTimeout = Math.min(server.headersTimeout, limits.bodyTimeoutMs);
  // A public property Node reads at `listen` (the option of `createServer`), untyped in @types/node.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    limits.checkEveryMs;
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerClientError(socket, error.code, limits),
  );
  const handlers = server.listeners("request") as Array<
    (req: IncomingMessage, res: ServerResponse) => void
  >;
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers["content-length"] ?? 0) > limits.maxBodyBytes)
      return refuse(req, res, 413, `payload over ${limits.maxBodyBytes} bytes`);
    for (const handler of handlers) handler.call(server, req, res);
  });
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { "content-type": "application/json", connection: "close" })
    .end(JSON.stringify({ message }));
  req.destroy();
}

/** Statuses Node itself gives these parser errors; a `clientError` listener replaces its answer. */
const CLIENT_ERROR_STATUS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "Payload Too Large"],
};

/** Node's answer to a broken or timed-out request, with sevbot's JSON message for the timeout. */
function answerClientError(socket: Duplex, code: string | undefined, limits: IngressLimits): void {
  // A response already under way cannot be replaced: the socket is only closed.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
      const body = JSON.stringify({
        message: `body not received within ${limits.bodyTimeoutMs} ms`,
      });
      socket.write(
        "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\n" +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    } else {
      const [status, text] = CLIENT_ERROR_STATUS[code ?? ""] ?? [400, "Bad Request"];
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n\r\n`);
    }
  }
  socket.destroy();
}
