import { sign } from "@octokit/webhooks-methods";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signatureMatches } from "../../src/adapters/github/signature.js";

// Octokit's signer is the reference: sevbot verifies the raw bytes itself (a flood's hot path).
describe("X-Hub-Signature-256 on the raw body", () => {
  const secret = fc.string({ minLength: 1, maxLength: 40 });
  const body = fc.string({ minLength: 1, maxLength: 400, unit: "grapheme" });

  it("accepts GitHub's signature of the body under the secret", async () => {
    await fc.assert(
      fc.asyncProperty(secret, body, async (key, text) => {
        expect(signatureMatches(key, Buffer.from(text), await sign(key, text))).toBe(true);
      }),
    );
  });

  it("refuses the signature of another body or under another secret", async () => {
    await fc.assert(
      fc.asyncProperty(secret, secret, body, body, async (key, otherKey, text, otherText) => {
        const signature = await sign(key, text);
        if (otherText !== text)
          expect(signatureMatches(key, Buffer.from(otherText), signature)).toBe(false);
        if (otherKey !== key)
          expect(signatureMatches(otherKey, Buffer.from(text), signature)).toBe(false);
      }),
    );
  });

  it("refuses a header that is not sha256= and 64 lowercase hex digits", async () => {
    const good = await sign("s3cret", "{}");
    const hex = good.slice("sha256=".length);
    for (const header of [
      hex,
      `sha1=${hex}`,
      `sha256=${hex.toUpperCase()}`,
      `sha256=${hex.slice(0, 63)}`,
      `sha256=${hex}0`,
      `sha256=${hex.slice(0, 63)}g`,
      "",
    ])
      expect(signatureMatches("s3cret", Buffer.from("{}"), header)).toBe(false);
    expect(signatureMatches("s3cret", Buffer.from("{}"), good)).toBe(true);
  });
});
