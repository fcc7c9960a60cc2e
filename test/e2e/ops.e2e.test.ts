import { createHmac } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { startStack, type Stack } from "./harness.js";

/** The built server's operational face and its ingress limits, as a load balancer and an attacker see them. */
describe("operations and ingress on the real server", () => {
  let stack: Stack;
  const sign = (body: string) =>
    `sha256=${createHmac("sha256", stack.server.webhookSecret).update(body).digest("hex")}`;
  const deliver = (event: string, body: string, extra: Record<string, string> = {}) =>
    fetch(stack.server.webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": event,
        "x-github-delivery": `d-${Math.random()}`,
        "x-hub-signature-256": sign(body),
        ...extra,
      },
      body,
    });

  beforeAll(async () => {
    stack = await startStack();
    stack.sandbox.createRepo("acme/ops", { collaborators: { dana: "write" } });
    const number = await stack.sandbox.openIssue("acme/ops", {
      as: "reporter",
      title: "Search is down",
    });
    await stack.sandbox.addLabels("acme/ops", number, ["severity::2"], { as: "dana" });
    await waitForQuiet(stack.sandbox, 300);
  }, 30_000);
  afterAll(async () => stack?.stop());

  it("/healthz answers; /readyz checks that GitHub answers for the App", async () => {
    expect(await (await fetch(`${stack.server.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${stack.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { github: "ok" } });
  });

  it("/metrics counts deliveries, forge requests by status and action latency", async () => {
    // The job's timer stops a moment after its last request: scrape until it shows (bounded).
    let text = "";
    for (let attempt = 0; attempt < 50 && !text.includes('kind="issue-labeled"'); attempt++) {
      text = await (await fetch(`${stack.server.url}/metrics`)).text();
      if (!text.includes('kind="issue-labeled"'))
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(text).toMatch(
      /sevbot_webhook_deliveries_total\{platform="github",outcome="accepted"\} [1-9]/,
    );
    expect(text).toMatch(
      /sevbot_forge_requests_total\{platform="github",method="POST",status="201"\} [1-9]/,
    );
    expect(text).toMatch(/sevbot_action_duration_seconds_count\{kind="issue-labeled"\} [1-9]/);
    expect(text).toMatch(/sevbot_queue_depth \d+/); // a gauge read at scrape time; jobs may still be running
  });

  it("malformed JSON with a valid signature is a 400, and the server goes on", async () => {
    expect((await deliver("issues", "{not json")).status).toBe(400);
    expect((await fetch(`${stack.server.url}/healthz`)).status).toBe(200);
  });

  it("an event sevbot does not handle gets 200 and is ignored", async () => {
    const body = JSON.stringify({
      action: "created",
      starred_at: null,
      repository: { full_name: "acme/ops" },
      installation: { id: 1 },
    });
    expect((await deliver("star", body)).status).toBe(200);
  });

  it("a body declared over 25 MB is refused with 413 before it is read", async () => {
    const status = await new Promise<number>((resolve) => {
      const url = new URL(stack.server.webhookUrl);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-length": String(26 * 1024 * 1024), "x-github-event": "issues" },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on("error", () => resolve(0));
      req.write("{");
    });
    expect(status).toBe(413);
  });
});
