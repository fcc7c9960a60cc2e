import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The raw body, or undefined past `maxBytes` (the rest is drained, nothing is parsed). */
export function readCappedBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function hmacSha256Hex(secret: string, data: Buffer | string): string {
  return createHmac("sha256", secret).update(data).digest("hex");
}

/** Constant-time: `given` (hex, as sent) equals `expected` (hex). */
export function sameHex(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase(), "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A JSON answer `{ message }`: what went wrong is said plainly, never a stack trace. */
export function replyJson(
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

/** The request's path without its query. */
export function pathOf(req: IncomingMessage): string {
  return (req.url ?? "").split("?")[0] ?? "";
}
