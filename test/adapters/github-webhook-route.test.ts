import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sign } from "@octokit/webhooks-methods";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acceptGithubDelivery } from "../../src/adapters/github/accept-delivery.js";
import { createGithubWebhookRoute } from "../../src/adapters/github/webhook-route.js";
import { createRuntime, type Runtime } from "../../src/app/runtime.js";
import type { EventJob } from "../../src/ports/event-queue.js";
import { example } from "../helpers/github-examples.js";

const SECRET = "route-secret";
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe("sevbot's own GitHub webhook route", () => {
  let server: Server;
  let runtime: Runtime;
  let queued: EventJob[];
  let failQueue: boolean;
  let url: string;

  beforeEach(async () => {
    runtime = createRuntime({ now: () => new Date("2026-11-22T14:00:00Z") }, quiet);
    queued = [];
    failQueue = false;
    runtime.events.push = async (job) => {
      if (failQueue) throw new Error("Redis is away");
      queued.push(job);
      return "queued";
    };
    const route = createGithubWebhookRoute({
      secret: SECRET,
      accept: (delivery) => acceptGithubDelivery(runtime, delivery),
      log: () => undefined,
    });
    server = createServer((req, res) => {
      void route(req, res).then((handled) => handled || res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function post(
    body: string,
    headers: Record<string, string | undefined>,
    method = "POST",
  ): Promise<{ status: number; message: string }> {
    const defined = Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => !!entry[1]),
    );
    const response = await fetch(url, {
      method,
      headers: { "content-type": "application/json", ...defined },
      ...(method === "POST" ? { body } : {}),
    });
    return { status: response.status, message: ((await response.json()) as any).message }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  async function deliver(name: string, payload: unknown, id = "d-1", secret = SECRET) {
    const body = JSON.stringify(payload);
    return post(body, {
      "x-github-event": name,
      "x-github-delivery": id,
      "x-hub-signature-256": await sign(secret, body),
    });
  }

  it("queues a signed issues.labeled delivery (a real example payload) and answers 202", async () => {
    const answer = await deliver("issues", example("issues", "labeled"));
    expect(answer).toEqual({ status: 202, message: "accepted" });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ id: "github_d-1", platform: "github", priority: 5 });
    expect(queued[0]!.event.kind).toBe("issue-labeled");
  });

  it("refuses a forged or missing signature with 401/400 and queues nothing", async () => {
    const payload = example("issues", "labeled");
    expect((await deliver("issues", payload, "d-2", "not-the-secret")).status).toBe(401);
    const body = JSON.stringify(payload);
    const unsigned = await post(body, { "x-github-event": "issues", "x-github-delivery": "d-3" });
    expect(unsigned.status).toBe(400);
    // Signed, then altered: the signature no longer matches the body.
    const signature = await sign(SECRET, body);
    const altered = body.replace("labeled", "unlabeled");
    const tampered = await post(altered, {
      "x-github-event": "issues",
      "x-github-delivery": "d-4",
      "x-hub-signature-256": signature,
    });
    expect(tampered.status).toBe(401);
    expect(queued).toHaveLength(0);
  });

  it("answers malformed and foreign payloads clearly, without queueing", async () => {
    expect((await deliver("issues", { action: "labeled" })).status).toBe(400);
    const notJson = "{not json";
    const answer = await post(notJson, {
      "x-github-event": "issues",
      "x-github-delivery": "d-5",
      "x-hub-signature-256": await sign(SECRET, notJson),
    });
    expect(answer.status).toBe(400);
    expect((await deliver("ping", { zen: "Keep it logically awesome." }, "d-6")).status).toBe(200);
    expect((await post("", {}, "GET")).status).toBe(405);
    expect(queued).toHaveLength(0);
  });

  it("a redelivered id is answered 200 and queued once", async () => {
    const payload = example("issues", "labeled");
    await deliver("issues", payload, "same");
    const again = await deliver("issues", payload, "same");
    expect(again).toEqual({ status: 200, message: "duplicate" });
    expect(queued).toHaveLength(1);
  });

  it("when the queue cannot take the event, answers 503 and gives the claim back so a redelivery is queued", async () => {
    const payload = example("issues", "labeled");
    failQueue = true;
    expect((await deliver("issues", payload, "retry-me")).status).toBe(503);
    failQueue = false;
    expect((await deliver("issues", payload, "retry-me")).status).toBe(202);
    expect(queued).toHaveLength(1);
  });
});
