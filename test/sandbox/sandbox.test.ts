import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";

const SECRET = "sandbox-test-secret";
let sandbox: Sandbox | undefined;
let receiver: Server | undefined;

afterEach(async () => {
  await sandbox?.close();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  sandbox = undefined;
  receiver = undefined;
});

interface Received {
  event: string;
  delivery: string;
  validSignature: boolean;
  body: { action: string; sender: { login: string; type: string }; label?: { name: string } };
}

async function withReceiver(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const expected = `sha256=${createHmac("sha256", SECRET).update(raw).digest("hex")}`;
      received.push({
        event: String(req.headers["x-github-event"]),
        delivery: String(req.headers["x-github-delivery"]),
        validSignature: req.headers["x-hub-signature-256"] === expected,
        body: JSON.parse(raw),
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, received };
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${sandbox!.apiUrl}${path}`, {
    ...init,
    headers: {
      authorization: "token ghs_sandbox",
      "content-type": "application/json",
      ...init.headers,
    },
  });

describe("sandbox forge", () => {
  it("speaks the REST subset: issues, label filter, comments with pagination, contents with ETag", async () => {
    sandbox = await startSandbox({ webhookSecret: SECRET });
    sandbox.createRepo("acme/shop", { files: { ".github/sevbot.yml": "oncall: [kim]\n" } });
    await api("/repos/acme/shop/issues", {
      method: "POST",
      body: JSON.stringify({ title: "A", labels: ["bug"] }),
    });
    await api("/repos/acme/shop/issues", { method: "POST", body: JSON.stringify({ title: "B" }) });
    const bugs = (await (
      await api("/repos/acme/shop/issues?labels=bug&state=all")
    ).json()) as Array<{ title: string }>;
    expect(bugs.map((issue) => issue.title)).toEqual(["A"]);
    for (let index = 0; index < 3; index++)
      await api("/repos/acme/shop/issues/1/comments", {
        method: "POST",
        body: JSON.stringify({ body: `c${index}` }),
      });
    const first = await api("/repos/acme/shop/issues/1/comments?per_page=2");
    expect(((await first.json()) as unknown[]).length).toBe(2);
    expect(first.headers.get("link")).toMatch(/page=2>; rel="next"/);
    const file = await api("/repos/acme/shop/contents/.github%2Fsevbot.yml", {
      headers: { accept: "application/vnd.github.raw" },
    });
    expect(await file.text()).toBe("oncall: [kim]\n");
    const again = await api("/repos/acme/shop/contents/.github%2Fsevbot.yml", {
      headers: { accept: "application/vnd.github.raw", "if-none-match": file.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });

  it("answers an invalid request as GitHub would, and records it", async () => {
    sandbox = await startSandbox({ webhookSecret: SECRET });
    sandbox.createRepo("acme/shop");
    const response = await api("/repos/acme/shop/issues", {
      method: "POST",
      body: JSON.stringify({ labels: "not-a-list" }),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { message: string }).message).toBe("Validation Failed");
    expect(sandbox.requests.at(-1)).toMatchObject({ valid: false, status: 422 });
    expect((await api("/repos/acme/shop/nonsense")).status).toBe(404);
    expect((await api("/repos/acme/shop/issues", { method: "POST", body: "{nope" })).status).toBe(
      400,
    );
  });

  it("permissions: collaborators as set, strangers read on public and none on private repositories", async () => {
    sandbox = await startSandbox({ webhookSecret: SECRET });
    sandbox.createRepo("acme/public", { collaborators: { kim: "maintain" } });
    sandbox.createRepo("acme/secret", { private: true });
    const permission = async (repo: string, user: string) =>
      (await (await api(`/repos/${repo}/collaborators/${user}/permission`)).json()) as {
        permission: string;
        role_name: string;
      };
    expect(await permission("acme/public", "kim")).toMatchObject({
      permission: "write",
      role_name: "maintain",
    });
    expect(await permission("acme/public", "stranger")).toMatchObject({ permission: "read" });
    expect(await permission("acme/secret", "stranger")).toMatchObject({ permission: "none" });
  });

  it("delivers a signed webhook per change, people's as users and token writes as the bot", async () => {
    const { url, received } = await withReceiver();
    sandbox = await startSandbox({ webhookSecret: SECRET, webhookUrl: url });
    sandbox.createRepo("acme/shop");
    const number = await sandbox.openIssue("acme/shop", { as: "reporter", title: "Down" });
    await sandbox.addLabels("acme/shop", number, ["severity::1", "bug"], { as: "dana" });
    await api(`/repos/acme/shop/issues/${number}/comments`, {
      method: "POST",
      body: JSON.stringify({ body: "checklist" }),
    });
    await sandbox.idle();
    expect(
      received.map((hook) => `${hook.event}.${hook.body.action}:${hook.body.sender.login}`),
    ).toEqual([
      "issues.opened:reporter",
      "issues.labeled:dana",
      "issues.labeled:dana",
      "issue_comment.created:sevbot[bot]",
    ]);
    expect(received.every((hook) => hook.validSignature)).toBe(true);
    expect(received[3]!.body.sender.type).toBe("Bot");
    expect(new Set(received.map((hook) => hook.delivery)).size).toBe(4);
  });

  it("injects faults deterministically per seed: 5xx, 5xx after the write, secondary rate limits", async () => {
    const run = async () => {
      const box = await startSandbox({
        webhookSecret: SECRET,
        faults: { seed: 7, rate: 0.5, kinds: ["5xx", "5xx-after-write", "rate-limit"] },
      });
      box.createRepo("acme/shop");
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++)
        statuses.push(
          (
            await fetch(`${box.apiUrl}/repos/acme/shop/issues`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ title: `t${index}` }),
            })
          ).status,
        );
      const created = box.issues("acme/shop").length;
      const counts = box.faultCounts;
      await box.close();
      return { statuses, created, counts };
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.statuses).toContain(502);
    expect(first.statuses).toContain(403);
    expect(first.statuses).toContain(429);
    // 5xx-after-write: the issue exists although the client saw an error.
    expect(first.created).toBe(
      first.statuses.filter((status) => status === 201).length +
        (first.counts["5xx-after-write"] ?? 0),
    );
  });

  it("a slow response takes the run's slowMs", async () => {
    sandbox = await startSandbox({
      webhookSecret: SECRET,
      faults: { seed: 1, rate: 1, kinds: ["slow"], slowMs: 300 },
    });
    sandbox.createRepo("acme/shop");
    const started = performance.now();
    expect((await fetch(`${sandbox.apiUrl}/repos/acme/shop/issues`)).status).toBe(200);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1400);
  });

  it("duplicates and drops webhooks when told to", async () => {
    const { url, received } = await withReceiver();
    sandbox = await startSandbox({
      webhookSecret: SECRET,
      webhookUrl: url,
      faults: { seed: 3, rate: 1, kinds: ["duplicate-webhook"] },
    });
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", { as: "reporter", title: "x" });
    await sandbox.idle();
    expect(received).toHaveLength(2);
    expect(received[0]!.delivery).toBe(received[1]!.delivery);
    sandbox.setFaults({ seed: 3, rate: 1, kinds: ["drop-webhook"] });
    await sandbox.openIssue("acme/shop", { as: "reporter", title: "y" });
    await sandbox.idle();
    expect(received).toHaveLength(2);
    expect(sandbox.deliveries.at(-1)).toMatchObject({ fault: "drop-webhook", status: 0 });
  });
});
