import { describe, expect, it } from "vitest";
import { observeGitlabResponse } from "../../src/ops/fetch-metrics.js";
import { createMetrics } from "../../src/ops/metrics.js";
import { valueOf } from "./helpers.js";

describe("observeGitlabResponse", () => {
  it("counts each response by method and status, and every 429 as a rate-limit wait", async () => {
    const metrics = createMetrics();
    const observe = observeGitlabResponse(metrics);
    observe("GET", 200, new Headers());
    observe("get", 200);
    observe("POST", 201, new Headers());
    observe("PUT", 502, new Headers());
    observe("POST", 429, new Headers({ "retry-after": "12" }));
    observe("GET", 429, new Headers());
    observe("GET", 403, new Headers({ "retry-after": "5" }));
    observe("DELETE", "network");

    const count = (method: string, status: string) =>
      valueOf(metrics.registry, "sevbot_forge_requests_total", {
        platform: "gitlab",
        method,
        status,
      });
    expect(await count("GET", "200")).toBe(2);
    expect(await count("POST", "201")).toBe(1);
    expect(await count("PUT", "502")).toBe(1);
    expect(await count("POST", "429")).toBe(1);
    expect(await count("GET", "429")).toBe(1);
    expect(await count("GET", "403")).toBe(1);
    expect(await count("DELETE", "network")).toBe(1);
    // GitLab rate-limits with 429 alone; a 403 is a permission problem however it is dressed.
    expect(
      await valueOf(metrics.registry, "sevbot_rate_limit_waits_total", { platform: "gitlab" }),
    ).toBe(2);
    expect(
      await valueOf(metrics.registry, "sevbot_rate_limit_waits_total", { platform: "github" }),
    ).toBeUndefined();
  });
});
