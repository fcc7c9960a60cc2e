import { describe, expect, it } from "vitest";
import { createDeliveryDedupe } from "../../src/app/delivery-dedupe.js";

describe("delivery dedupe", () => {
  it("remembers the last `capacity` ids, forgetting the oldest first, and counts duplicates", async () => {
    const dedupe = createDeliveryDedupe(3);
    for (const id of ["a", "b", "c", "d"]) expect(await dedupe.claim(id)).toBe(true);
    expect(await dedupe.claim("b")).toBe(false);
    expect(await dedupe.claim("d")).toBe(false);
    // "a" was the oldest of four claims in a memory of three.
    expect(await dedupe.claim("a")).toBe(true);
    expect(dedupe.duplicates).toBe(2);
  });

  it("a released id can be claimed again (its delivery could not be queued)", async () => {
    const dedupe = createDeliveryDedupe(10);
    expect(await dedupe.claim("x")).toBe(true);
    await dedupe.release?.("x");
    expect(await dedupe.claim("x")).toBe(true);
    expect(await dedupe.claim("x")).toBe(false);
  });

  it("stays bounded through a long flood of fresh ids", async () => {
    const dedupe = createDeliveryDedupe(100);
    for (let index = 0; index < 10_000; index++) await dedupe.claim(`id-${index}`);
    expect(await dedupe.claim("id-9999")).toBe(false);
    expect(await dedupe.claim("id-9899")).toBe(true);
  });
});
