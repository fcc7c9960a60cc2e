import type { IncomingMessage, ServerResponse } from "node:http";

/** GitHub caps webhook payloads at 25 MB; nothing legitimate sevbot receives is bigger. */
export const MAX_BODY = 25 * 1024 * 1024;

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A JSON `{ message }` answer (what went wrong said plainly, never a stack trace), with `extra`
 * fields when a refusal lists its problems; `true` so a route can `return reply(…)` as "handled".
 */
export function reply(
  res: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): true {
  res
    .writeHead(status, { "content-type": "application/json" })
    .end(JSON.stringify({ message, ...extra }));
  return true;
}

/** The body as text, or undefined past the cap (the rest is drained). */
export async function readBody(req: IncomingMessage, max = MAX_BODY): Promise<string | undefined> {
  return (await readRawBody(req, max))?.toString("utf8");
}

/** The body's bytes (what a signature covers), or undefined past the cap (the rest is drained). */
export function readRawBody(req: IncomingMessage, max = MAX_BODY): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on("end", () =>
      // A 12 KB delivery mostly arrives in one chunk: no copy then.
      resolve(size > max ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)),
    );
    req.on("error", reject);
  });
}

/** The path of a request, without its query. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
