import { hmacSha256Hex, sameHex } from "../http/inbound.js";

/** Slack refuses to let an app act on a request older than this (its replay protection). */
export const SLACK_MAX_SKEW_MS = 5 * 60_000;

export type SlackSignatureCheck = "ok" | "missing" | "stale" | "invalid";

/**
 * Slack's request signature: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw
 * body>">` with the app's signing secret; `X-Slack-Request-Timestamp` must be within 5 minutes.
 */
export function checkSlackSignature(
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  secret: string,
  nowMs: number,
): SlackSignatureCheck {
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return "missing";
  if (Math.abs(nowMs - Number(timestamp) * 1000) > SLACK_MAX_SKEW_MS) return "stale";
  if (!signature.startsWith("v0=")) return "invalid";
  return sameHex(signature.slice(3), slackSignatureHex(secret, timestamp, body)) ? "ok" : "invalid";
}

function slackSignatureHex(secret: string, timestamp: string, body: Buffer | string): string {
  return hmacSha256Hex(secret, Buffer.concat([Buffer.from(`v0:${timestamp}:`), Buffer.from(body)]));
}

/** The headers Slack would send with `body` at `timestamp` (seconds). */
export function slackSignatureHeaders(secret: string, timestamp: number, body: string) {
  return {
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": `v0=${slackSignatureHex(secret, String(timestamp), body)}`,
  };
}
