import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface IngressLimits {
  /** GitHub caps webhook payloads at 25 MB; nothing legitimate is bigger. */
  maxBodyBytes: number;
  /** A request whose body has not fully arrived by then is dropped (slow-body attacks hold sockets). */
  bodyTimeoutMs: number;
}

export const DEFAULT_INGRESS: IngressLimits = {
  maxBodyBytes: 25 * 1024 * 1024,
  bodyTimeoutMs: 10_000,
};

/**
 * Puts limits in front of every handler of a running HTTP server (Probot's included, which has
 * none of its own): a declared body over the cap gets 413 before a byte is read, and a body that
 * trickles in past the timeout gets 408 and the socket closed.
 */
export function guardIngress(server: Server, limits: IngressLimits = DEFAULT_INGRESS): void {
  const handlers = server.listeners("request") as Array<
    (req: IncomingMessage, res: ServerResponse) => void
  >;
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers["content-length"] ?? 0) > limits.maxBodyBytes)
      return refuse(req, res, 413, `payload over ${limits.maxBodyBytes} bytes`);
    const timer = setTimeout(() => {
      if (!req.complete && !res.headersSent)
        refuse(req, res, 408, `body not received within ${limits.bodyTimeoutMs} ms`);
    }, limits.bodyTimeoutMs);
    timer.unref();
    res.once("close", () => clearTimeout(timer));
    for (const handler of handlers) handler.call(server, req, res);
  });
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { "content-type": "application/json", connection: "close" })
    .end(JSON.stringify({ message }));
  req.destroy();
}
