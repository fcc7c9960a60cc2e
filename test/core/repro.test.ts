import { describe, expect, it } from "vitest";
import { summarizeReproduction } from "../../src/core/repro.js";

describe("summarizeReproduction", () => {
  it("finds HTTP requests, log lines and screenshots", () => {
    const body = [
      "It broke at lunch.",
      "GET /api/v2/orders?id=5 HTTP/1.1",
      "$ curl -sS https://shop.example/health",
      "2026-11-22 12:01:09 [worker] ERROR OOM killed",
      "nginx said 502 Bad Gateway",
      "![trace](https://img.example/a.png)",
      '<img src="https://img.example/b.png" width="300">',
    ].join("\n");
    expect(summarizeReproduction(body)).toEqual({
      httpRequests: ["GET /api/v2/orders?id=5 HTTP/1.1", "$ curl -sS https://shop.example/health"],
      logLines: ["2026-11-22 12:01:09 [worker] ERROR OOM killed", "nginx said 502 Bad Gateway"],
      screenshots: ["https://img.example/a.png", "https://img.example/b.png"],
    });
  });

  it("finds nothing in plain prose", () => {
    expect(summarizeReproduction("The page looks odd; get someone to look.")).toEqual({
      httpRequests: [],
      logLines: [],
      screenshots: [],
    });
  });
});
