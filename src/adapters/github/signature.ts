import { hmacSha256Hex, sameHex } from "../http/inbound.js";

const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/**
 * Whether `X-Hub-Signature-256` is the HMAC-SHA256 of the raw body under the webhook secret
 * (GitHub Docs, *Validating webhook deliveries*): `sha256=` and 64 lowercase hex digits, compared
 * in constant time. On the bytes as received, where Octokit's `verify` takes the body as a string,
 * encodes it again and awaits twice: a sixth of a flood's hashing (docs/operations.md, *Ingress*).
 */
export function signatureMatches(secret: string, body: Buffer, signature: string): boolean {
  if (!SIGNATURE.test(signature)) return false;
  return sameHex(signature.slice("sha256=".length), hmacSha256Hex(secret, body));
}
