import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitlabClient } from "../../../src/adapters/gitlab/client.js";
import { retryAfterMs, type RetryPolicy } from "../../../src/adapters/gitlab/requester.js";

/** A local GitLab stand-in that answers from a script, so every retry decision is visible. */
function scriptedServer(
  script: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>,
) {
  const seen: Array<{ method: string; url: string }> = [];
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "" });
    const step = script[Math.min(seen.length - 1, script.length - 1)]!;
    req.resume();
    req.on("end", () =>
      res
        .writeHead(step.status, { "content-type": "application/json", ...step.headers })
        .end(JSON.stringify(step.body ?? {})),
    );
  });
  return { server, seen };
}

describe("GitLab requester: retries as GitLab asks, and only where a repeat is harmless", () => {
  let stub: ReturnType<typeof scriptedServer>;
  let waits: number[];
  const policy = (): RetryPolicy => ({
    maxAttempts: 4,
    maxRetryAfterMs: 30_000,
    backoffMs: 100,
    sleep: async (ms) => void waits.push(ms),
  });
  const client = () =>
    createGitlabClient({
      host: `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}`,
      token: "glpat-test",
      retry: policy(),
    });

  beforeEach(() => (waits = []));
  afterEach(() => new Promise<void>((resolve) => stub.server.close(() => resolve())));
  const listen = async (script: Parameters<typeof scriptedServer>[0]) => {
    stub = scriptedServer(script);
    await new Promise<void>((resolve) => stub.server.listen(0, "127.0.0.1", resolve));
  };

  it("a 429 waits the Retry-After seconds, then the same note is sent once more", async () => {
    await listen([
      { status: 429, headers: { "retry-after": "7" }, body: { message: "Retry later" } },
      { status: 201, body: { id: 5, body: "hi" } },
    ]);
    const note = await client().IssueNotes.create("acme/shop", 3, "hi");
    expect(note).toMatchObject({ id: 5 });
    expect(waits).toEqual([7000]);
    expect(stub.seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      "POST /api/v4/projects/acme%2Fshop/issues/3/notes",
      "POST /api/v4/projects/acme%2Fshop/issues/3/notes",
    ]);
  });

  it("a 502 on a POST is not retried (the note may exist): the error carries the status", async () => {
    await listen([
      { status: 502, body: { message: "Bad gateway" } },
      { status: 201, body: { id: 5 } },
    ]);
    await expect(client().IssueNotes.create("acme/shop", 3, "hi")).rejects.toMatchObject({
      status: 502,
    });
    expect(stub.seen).toHaveLength(1);
  });

  it("a 5xx on a GET is retried with backoff, and gives up after the last attempt", async () => {
    await listen([{ status: 503 }]);
    await expect(client().Issues.show(3, { projectId: "acme/shop" })).rejects.toMatchObject({
      status: 503,
    });
    expect(stub.seen).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it("a 404 is final at once, with GitLab's message", async () => {
    await listen([{ status: 404, body: { message: "404 Not found" } }]);
    await expect(client().Issues.show(3, { projectId: "acme/shop" })).rejects.toThrow(
      /404 404 Not found/,
    );
    expect(stub.seen).toHaveLength(1);
  });

  it("reads Retry-After in seconds or as an HTTP date", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs("Tue, 01 Dec 2026 10:00:05 GMT", Date.parse("2026-12-01T10:00:00Z"))).toBe(
      5000,
    );
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs("soon")).toBeUndefined();
  });
});
