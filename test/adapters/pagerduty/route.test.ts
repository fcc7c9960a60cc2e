import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createPagerDutyRoute,
  PAGERDUTY_MAX_BODY,
  PAGERDUTY_WEBHOOK_PATH,
} from "../../../src/adapters/pagerduty/route.js";
import { pagerDutySignature } from "../../../src/adapters/pagerduty/signature.js";
import { createDeliveryDedupe } from "../../../src/app/delivery-dedupe.js";
import { memorySharedMemo } from "../../../src/app/shared-memo.js";
import type { DomainEvent } from "../../../src/core/events.js";
import { postRaw, serveRoute, vendorFixture, type RouteServer } from "../../helpers/inbound.js";

const SECRET = "pd-secret-current";
const KEY = "github:acme/shop#7";

function event(name: string, overrides: { key?: string; id?: string; at?: string } = {}) {
  const payload = vendorFixture("pagerduty", `${name}.json`);
  payload.event.occurred_at = overrides.at ?? new Date().toISOString();
  if (overrides.id) payload.event.id = overrides.id;
  if (payload.event.data.incident_key !== undefined)
    payload.event.data.incident_key = overrides.key ?? KEY;
  return JSON.stringify(payload);
}

describe("POST /api/pagerduty/webhooks", () => {
  let server: RouteServer;
  let dispatched: Array<{ event: DomainEvent; jobId: string }>;
  let failDispatch: boolean;
  let url: string;

  beforeEach(async () => {
    dispatched = [];
    failDispatch = false;
    const dedupe = createDeliveryDedupe();
    server = await serveRoute(
      createPagerDutyRoute({
        secrets: [SECRET],
        memo: memorySharedMemo(),
        claim: (id) => dedupe.claim(id),
        release: async (id) => dedupe.release?.(id),
        dispatch: async (event, jobId) => {
          if (failDispatch) throw new Error("queue away");
          dispatched.push({ event, jobId });
          return event.issue.ref.platform === "github";
        },
        log: () => undefined,
      }),
    );
    url = `${server.url}${PAGERDUTY_WEBHOOK_PATH}`;
  });
  afterEach(() => server.close());

  const signed = (body: string, secrets = [SECRET]) => ({
    "x-pagerduty-signature": pagerDutySignature(body, secrets),
  });

  it("an acknowledgement of sevbot's dedup_key is queued as /ack by the PagerDuty agent", async () => {
    const body = event("incident.acknowledged");
    const { status } = await postRaw(url, body, signed(body));
    expect(status).toBe(202);
    expect(dispatched).toHaveLength(1);
    const queued = dispatched[0]!;
    expect(queued.jobId).toBe("pagerduty_5ac64822-4adc-4fda-ade0-410becf0de4f");
    expect(queued.event).toMatchObject({
      kind: "remote-action",
      origin: "pagerduty",
      issue: { ref: { platform: "github", repo: "acme/shop", number: 7 } },
      user: { id: "PLH1HKV", name: "Tenex Engineer" },
      action: { type: "commands", text: "/ack" },
      vouched: true,
    });
  });

  it("accepts a rotation's several signatures when one of them is ours", async () => {
    const body = event("incident.acknowledged");
    const headers = signed(body, ["pd-secret-old", SECRET]);
    expect(headers["x-pagerduty-signature"]).toMatch(/^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect((await postRaw(url, body, headers)).status).toBe(202);
  });

  it("a note is tied to its incident through the incident events heard before it", async () => {
    const triggered = event("incident.triggered");
    expect((await postRaw(url, triggered, signed(triggered))).status).toBe(200);
    const note = event("incident.annotated", { id: "note-1" });
    expect((await postRaw(url, note, signed(note))).status).toBe(202);
    expect(dispatched.map((queued) => queued.event)).toMatchObject([
      { action: { type: "note", text: "I sure am glad we are using PagerDuty!" } },
    ]);
  });

  it("resolved in PagerDuty asks for /resolve; it never resolves by itself", async () => {
    const body = event("incident.resolved", { id: "resolved-1" });
    expect((await postRaw(url, body, signed(body))).status).toBe(202);
    expect(dispatched[0]!.event).toMatchObject({ action: { type: "resolved-elsewhere" } });
  });

  it.each<
    [string, () => { body: string | Buffer; headers: Record<string, string> }, number, RegExp]
  >([
    [
      "no signature",
      () => ({ body: event("incident.acknowledged"), headers: {} }),
      401,
      /Signature/,
    ],
    [
      "signed with another secret",
      () => {
        const body = event("incident.acknowledged");
        return { body, headers: signed(body, ["not-ours"]) };
      },
      401,
      /Signature/,
    ],
    [
      "a v0 signature of the right body",
      () => {
        const body = event("incident.acknowledged");
        return {
          body,
          headers: {
            "x-pagerduty-signature": signed(body)["x-pagerduty-signature"].replace("v1=", "v0="),
          },
        };
      },
      401,
      /Signature/,
    ],
    [
      "body changed after signing",
      () => {
        const body = event("incident.acknowledged");
        return { body: body.replace("Tenex", "Mallory"), headers: signed(body) };
      },
      401,
      /Signature/,
    ],
    [
      "malformed JSON, signed",
      () => ({ body: "{not json", headers: signed("{not json") }),
      400,
      /malformed JSON/,
    ],
    [
      "JSON that is not a V3 event, signed",
      () => ({ body: '{"messages":[]}', headers: signed('{"messages":[]}') }),
      400,
      /not a PagerDuty V3 webhook/,
    ],
    [
      "stale: occurred two hours ago (a replay)",
      () => {
        const body = event("incident.acknowledged", {
          at: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        });
        return { body, headers: signed(body) };
      },
      400,
      /stale event/,
    ],
    [
      "from the future",
      () => {
        const body = event("incident.acknowledged", {
          at: new Date(Date.now() + 3_600_000).toISOString(),
        });
        return { body, headers: signed(body) };
      },
      400,
      /stale event/,
    ],
    [
      "oversized (over PagerDuty's 256 KB)",
      () => {
        const body = Buffer.alloc(PAGERDUTY_MAX_BODY + 1, "a");
        return { body, headers: signed(body.toString()) };
      },
      413,
      /payload over/,
    ],
  ])("refuses %s with a clear status and queues nothing", async (_name, build, status, message) => {
    const { body, headers } = build();
    const answer = await postRaw(url, body, headers);
    expect(answer.status).toBe(status);
    expect(String(answer.json.message)).toMatch(message);
    expect(dispatched).toEqual([]);
  });

  it("GET is 405", async () => {
    expect((await postRaw(url, "", {}, "GET")).status).toBe(405);
  });

  it.each([
    [
      "another service's incident",
      () => event("incident.acknowledged", { key: "d3640fbd41094207a1c11e58e46b1662" }),
    ],
    ["a service event", () => event("service.updated")],
    ["an event type sevbot does not act on", () => event("incident.triggered")],
  ])("ignores %s with 200 (PagerDuty must not retry it)", async (_name, build) => {
    const body = build();
    const answer = await postRaw(url, body, signed(body));
    expect(answer.status).toBe(200);
    expect(String(answer.json.message)).toMatch(/^ignored/);
    expect(dispatched).toEqual([]);
  });

  it("a redelivery (same X-Webhook-Id) is queued once", async () => {
    const body = event("incident.acknowledged");
    const headers = { ...signed(body), "x-webhook-id": "wh-1" };
    expect((await postRaw(url, body, headers)).status).toBe(202);
    const again = await postRaw(url, body, headers);
    expect(again.status).toBe(200);
    expect(again.json.message).toMatch(/duplicate/);
    expect(dispatched).toHaveLength(1);
  });

  it("a queue failure is 503 and the redelivery is not dropped as a duplicate", async () => {
    const body = event("incident.acknowledged");
    const headers = { ...signed(body), "x-webhook-id": "wh-2" };
    failDispatch = true;
    expect((await postRaw(url, body, headers)).status).toBe(503);
    failDispatch = false;
    expect((await postRaw(url, body, headers)).status).toBe(202);
  });
});
