import { hmacSha256Hex, sameHex } from "../http/inbound.js";

/**
 * PagerDuty's V3 webhook signature: `X-PagerDuty-Signature` holds one or more comma-separated
 * `v1=<hex HMAC-SHA256 of the raw body>`, several while a secret is being rotated; one match is
 * enough. Every secret we hold is tried (ours may be mid-rotation too).
 */
export function pagerDutySignatureValid(
  header: string | undefined,
  body: Buffer,
  secrets: readonly string[],
): boolean {
  if (!header) return false;
  const given = header
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3));
  const expected = secrets.map((secret) => hmacSha256Hex(secret, body));
  // Every pair is compared (no early exit), so the time taken says nothing about which matched.
  let match = false;
  for (const candidate of given)
    for (const hex of expected) match = sameHex(candidate, hex) || match;
  return match;
}

/** The header PagerDuty would send for `body` signed with each of `secrets`. */
export function pagerDutySignature(body: string | Buffer, secrets: readonly string[]): string {
  return secrets.map((secret) => `v1=${hmacSha256Hex(secret, body)}`).join(",");
}
