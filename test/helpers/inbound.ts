import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A vendor's documented example from test/fixtures (see the SOURCE.md beside each). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function vendorFixture<T = Record<string, any>>(vendor: string, name: string): T {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/${vendor}/${name}`, import.meta.url), "utf8"),
  ) as T;
}

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

/** One route on a real HTTP server on 127.0.0.1, 404 for anything it does not take. */
export async function serveRoute(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>,
): Promise<RouteServer> {
  const server: Server = createServer((req, res) => {
    void handle(req, res).then((taken) => {
      if (!taken) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function postRaw(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = "POST",
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(method === "GET" ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
