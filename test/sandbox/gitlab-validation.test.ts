import { afterEach, describe, expect, it } from "vitest";
import { startSandbox } from "../../src/sandbox/index.js";
import { gitlabHarness, SECRET } from "./gitlab-harness.js";

const h = gitlabHarness();
afterEach(() => h.stop());

describe("GitLab sandbox: validation against GitLab's OpenAPI description, and faults", () => {
  it("answers invalid requests with GitLab's 400 and records them as invalid", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", { as: "rep", title: "Down" });
    const badState = await h.json<{ message: string; error: string }>(
      "/projects/acme%2Fshop/issues/1",
      { method: "PUT", body: JSON.stringify({ state_event: "closed" }) },
    );
    expect(badState.status).toBe(400);
    expect(badState.body.error).toContain("/body/state_event");
    expect(badState.body.message).toMatch(/^400 Bad request/);
    expect(sandbox.requests.at(-1)).toMatchObject({
      method: "PUT",
      path: "/projects/acme%2Fshop/issues/1",
      valid: false,
      status: 400,
      errors: [expect.stringContaining("state_event")],
    });
    expect(sandbox.issue("acme/shop", 1).state).toBe("open");

    expect(
      (
        await h.api("/projects/acme%2Fshop/issues/1/notes", {
          method: "POST",
          body: JSON.stringify({ internal: true }),
        })
      ).status,
    ).toBe(400);
    expect((await h.api("/projects/acme%2Fshop/issues?status=opened")).status).toBe(400);
    expect((await h.api("/projects/acme%2Fshop/members/all/octocat")).status).toBe(400);
    expect(
      (await h.api("/projects/acme%2Fshop/issues", { method: "POST", body: "{nope" })).status,
    ).toBe(400);
    expect(await h.json("/projects/acme%2Fshop/incidents")).toMatchObject({
      status: 404,
      body: { message: "404 Not found" },
    });
    expect(sandbox.requests.filter((request) => !request.valid)).toHaveLength(6);
    expect(sandbox.comments("acme/shop", 1)).toEqual([]);
  });

  it("accepts what Grape coerces: form bodies, comma-separated labels, string booleans", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop");
    const response = await h.api("/projects/acme%2Fshop/issues", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "title=Down&labels=a%2Cb&confidential=true",
    });
    expect(response.status).toBe(201);
    expect(sandbox.issue("acme/shop", 1)).toMatchObject({
      title: "Down",
      confidential: true,
      labels: [{ name: "a" }, { name: "b" }],
    });
    expect(sandbox.requests.at(-1)).toMatchObject({
      valid: true,
      write: true,
      operationId: "postApiV4ProjectsIdIssues",
    });
  });

  it("injects 5xx, 5xx after the write and GitLab's 429 deterministically per seed", async () => {
    const run = async () => {
      const box = await startSandbox({
        platform: "gitlab",
        webhookSecret: SECRET,
        faults: { seed: 11, rate: 0.5, kinds: ["5xx", "5xx-after-write", "rate-limit"] },
      });
      box.createRepo("acme/shop");
      const responses: Array<{
        status: number;
        retryAfter: string | null;
        remaining: string | null;
        body: unknown;
      }> = [];
      for (let index = 0; index < 20; index++) {
        const response = await fetch(`${box.apiUrl}/projects/acme%2Fshop/issues`, {
          method: "POST",
          headers: { "content-type": "application/json", "private-token": "glpat-sandbox" },
          body: JSON.stringify({ title: `t${index}` }),
        });
        responses.push({
          status: response.status,
          retryAfter: response.headers.get("retry-after"),
          remaining: response.headers.get("ratelimit-remaining"),
          body: await response.json(),
        });
      }
      const created = box.issues("acme/shop").length;
      const counts = box.faultCounts;
      await box.close();
      return {
        statuses: responses.map((response) => response.status),
        limited: responses.filter((response) => response.status === 429),
        created,
        counts,
      };
    };
    const first = await run();
    expect((await run()).statuses).toEqual(first.statuses);
    expect(first.statuses).toContain(502);
    expect(first.limited.length).toBeGreaterThan(0);
    expect(first.limited[0]).toEqual({
      status: 429,
      retryAfter: "1",
      remaining: "0",
      body: { message: "Retry later" },
    });
    expect(first.created).toBe(
      first.statuses.filter((status) => status === 201).length +
        (first.counts["5xx-after-write"] ?? 0),
    );
  });
});
