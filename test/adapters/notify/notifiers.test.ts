import { createHmac } from "node:crypto";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { createEmailNotifier } from "../../../src/adapters/notify/email.js";
import { createNotifierHub } from "../../../src/adapters/notify/hub.js";
import { createPagerDutyNotifier } from "../../../src/adapters/notify/pagerduty.js";
import { createSlackNotifier, slackChannelName } from "../../../src/adapters/notify/slack.js";
import { createWebhookNotifier } from "../../../src/adapters/notify/webhook.js";
import { parseConfig } from "../../../src/config/load.js";
import type { Action } from "../../../src/core/actions.js";
import { decide } from "../../../src/core/decide.js";
import type { Notification } from "../../../src/core/notification.js";
import { labeled, NOW } from "../../helpers/builders.js";
import { fakeServicesClosedAfterEach } from "./fake-service.js";

const service = fakeServicesClosedAfterEach();

const notification = (overrides: Partial<Notification> = {}): Notification => ({
  key: "esc-1-s0",
  incidentKey: "github:acme/shop#7",
  kind: "declare",
  severity: 1,
  title: "Checkout is down",
  text: "Sev-1 not acknowledged after 0 min",
  url: "https://github.example/acme/shop/issues/7",
  targets: {
    channels: ["#tech-incidents"],
    users: ["lee", "kim"],
    slackIds: { lee: "U0123ABCD" },
    emails: [],
    page: true,
    everyone: true,
  },
  ...overrides,
});
const noWait = { sleep: async () => undefined, baseDelayMs: 1 };

describe("Slack", () => {
  it("Web API: chat.postMessage per channel and per person with a member id, Bearer token, @channel for Sev-1 in channels", async () => {
    const slack = await service(() => ({
      status: 200,
      body: { ok: true, channel: "C1", ts: "1.2" },
    }));
    await createSlackNotifier({ botToken: "xoxb-test", apiBaseUrl: slack.url }).send(
      notification(),
    );
    expect(
      slack.received.map((request) => [request.method, request.path, request.body.channel]),
    ).toEqual([
      ["POST", "/chat.postMessage", "#tech-incidents"],
      ["POST", "/chat.postMessage", "U0123ABCD"],
    ]);
    for (const request of slack.received) {
      expect(request.headers.authorization).toBe("Bearer xoxb-test");
      expect(request.headers["content-type"]).toMatch(/^application\/json/);
      expect(typeof request.body.text).toBe("string");
    }
    expect(slack.received[0]!.body.text).toMatch(/^<!channel> \*\[SEV-1\] Checkout is down\*/);
    expect(slack.received[1]!.body.text).not.toContain("<!channel>");
  });

  it("Web API: people without a member id are named in the channel message, never DMed by their forge name", async () => {
    const slack = await service(() => ({
      status: 200,
      body: { ok: true, channel: "C1", ts: "1.2" },
    }));
    const targets = {
      channels: ["#tech-incidents", "#payments"],
      users: ["lee", "kim", "ana"],
      slackIds: { lee: "U0123ABCD", ana: "W0456EFGH" },
      emails: [],
      page: true,
    };
    await createSlackNotifier({ botToken: "xoxb-test", apiBaseUrl: slack.url }).send(
      notification({ targets }),
    );
    expect(slack.received.map((request) => request.body.channel)).toEqual([
      "#tech-incidents",
      "#payments",
      "U0123ABCD",
      "W0456EFGH",
    ]);
    for (const channelMessage of slack.received.slice(0, 2)) {
      expect(channelMessage.body.text).toMatch(/\nFor: kim\n/);
      expect(channelMessage.body.text).not.toMatch(/\b(lee|ana)\b/);
    }
    for (const direct of slack.received.slice(2)) expect(direct.body.text).not.toContain("For:");
  });

  it("Web API: nobody with a member id and no channel sends nothing (there is nowhere to name them)", async () => {
    const slack = await service(() => ({ status: 200, body: { ok: true } }));
    await createSlackNotifier({ botToken: "xoxb-test", apiBaseUrl: slack.url }).send(
      notification({ targets: { channels: [], users: ["lee"], emails: [], page: false } }),
    );
    expect(slack.received).toEqual([]);
  });

  it("incoming webhook: one POST of Slack's documented JSON ({text}) to the webhook URL itself, no token", async () => {
    const hook = await service(() => ({ status: 200, text: "ok" }));
    const webhookUrl = `${hook.url}/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`;
    const failures = await createNotifierHub([createSlackNotifier({ webhookUrl })], noWait).send(
      notification(),
    );
    expect(failures).toEqual([]);
    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe("/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX");
    expect(request!.headers["content-type"]).toMatch(/^application\/json/);
    expect(request!.headers.authorization).toBeUndefined();
    // Only `text`: an app's incoming webhook posts to its own channel and ignores channel overrides.
    expect(Object.keys(request!.body)).toEqual(["text"]);
    const text = String(request!.body.text);
    expect(text.split("\n")).toEqual([
      "<!channel> *[SEV-1] Checkout is down*",
      "Sev-1 not acknowledged after 0 min",
      "For: <@U0123ABCD>, kim",
      "<https://github.example/acme/shop/issues/7|Open the issue>",
    ]);
  });

  it("incoming webhook: Sev-2 and milestones do not address @channel; a message with nobody to mention has no For line", async () => {
    const hook = await service(() => ({ status: 200, text: "ok" }));
    const notifier = createSlackNotifier({ webhookUrl: `${hook.url}/hook` });
    await notifier.send(
      notification({
        severity: 2,
        targets: { channels: ["#tech-incidents"], users: [], emails: [], page: false },
      }),
    );
    await notifier.send(
      notification({
        kind: "acknowledge",
        key: "ack",
        text: "Acknowledged by lee; paging stops.",
        targets: { channels: ["#tech-incidents"], users: [], emails: [], page: true },
      }),
    );
    expect(hook.received.map((request) => request.body.text)).toEqual([
      "*[SEV-2] Checkout is down*\nSev-1 not acknowledged after 0 min\n<https://github.example/acme/shop/issues/7|Open the issue>",
      "*[SEV-1] Checkout is down*\nAcknowledged by lee; paging stops.\n<https://github.example/acme/shop/issues/7|Open the issue>",
    ]);
  });

  it("incoming webhook: Slack's plain-text errors are failures; 4xx (e.g. 404 no_service) is not retried, 5xx is", async () => {
    const revoked = await service(() => ({ status: 404, text: "no_service" }));
    const failures = await createNotifierHub(
      [createSlackNotifier({ webhookUrl: `${revoked.url}/hook` })],
      noWait,
    ).send(notification());
    expect(revoked.received).toHaveLength(1);
    expect(failures).toEqual([
      {
        notifier: "slack",
        error: expect.stringMatching(
          /refused the message \(404\): no_service \(after 1 attempt\)$/,
        ),
      },
    ]);
    const flaky = await service((_request, index) =>
      index === 0 ? { status: 500, text: "rollup_error" } : { status: 200, text: "ok" },
    );
    expect(
      await createNotifierHub(
        [createSlackNotifier({ webhookUrl: `${flaky.url}/hook` })],
        noWait,
      ).send(notification()),
    ).toEqual([]);
    expect(flaky.received).toHaveLength(2);
  });

  it("config to Slack: an escalation's on-call with a `notifications.slackUsers` entry is DMed by member id, the others named in the channel", async () => {
    const { config, error } = parseConfig(
      { oncall: ["Lee", "kim"], notifications: { slackUsers: { lee: "U0123ABCD" } } },
      "test",
    );
    expect(error).toBeUndefined();
    const declared = decide(undefined, labeled("severity::1"), config, NOW);
    const page = declared.actions.find((action) => action.kind === "notify");
    expect(page?.kind).toBe("notify");
    const slack = await service(() => ({
      status: 200,
      body: { ok: true, channel: "C1", ts: "1.2" },
    }));
    await createSlackNotifier({ botToken: "xoxb-test", apiBaseUrl: slack.url }).send(
      (page as Extract<Action, { kind: "notify" }>).notification,
    );
    expect(slack.received.map((request) => request.body.channel)).toEqual([
      "#tech-incidents",
      "U0123ABCD",
    ]);
    expect(slack.received[0]!.body.text).toMatch(/\nFor: kim\n/);
    expect(
      slack.received.some(
        (request) => request.body.channel === "Lee" || request.body.channel === "kim",
      ),
    ).toBe(false);
  });

  it("ok:false is a failure even with HTTP 200", async () => {
    const slack = await service(() => ({
      status: 200,
      body: { ok: false, error: "channel_not_found" },
    }));
    const failures = await createNotifierHub(
      [createSlackNotifier({ botToken: "x", apiBaseUrl: slack.url })],
      noWait,
    ).send(notification());
    expect(failures).toEqual([
      {
        notifier: "slack",
        error: "slack chat.postMessage failed: channel_not_found (after 1 attempt)",
      },
    ]);
  });

  it("creates the war-room channel with a valid name and its topic", async () => {
    const slack = await service((request) => ({
      status: 200,
      body:
        request.path === "/conversations.create"
          ? { ok: true, channel: { id: "C9", name: request.body.name } }
          : { ok: true },
    }));
    const room = await createSlackNotifier({ botToken: "x", apiBaseUrl: slack.url }).createWarRoom!(
      "2026-11-22-war-room-Checkout is DOWN!!",
      "Sev-1 acme/shop#7",
    );
    expect(slack.received[0]!.body).toEqual({
      name: "2026-11-22-war-room-checkout-is-down",
      is_private: false,
    });
    expect(slack.received[0]!.body.name).toMatch(/^[a-z0-9_-]{1,80}$/);
    expect(room).toEqual({
      id: "C9",
      name: "2026-11-22-war-room-checkout-is-down",
      url: "https://slack.com/app_redirect?channel=C9",
    });
    expect(slackChannelName("x".repeat(200))).toHaveLength(80);
  });
});

describe("PagerDuty Events API v2", () => {
  it("trigger with a summary, source, severity and the incident's dedup_key; acknowledge and resolve with the same key", async () => {
    const pagerduty = await service(() => ({
      status: 202,
      body: { status: "success", message: "Event processed", dedup_key: "github:acme/shop#7" },
    }));
    const notifier = createPagerDutyNotifier({ routingKey: "R0UTING", baseUrl: pagerduty.url });
    await notifier.send(notification());
    await notifier.send(notification({ kind: "acknowledge", key: "ack" }));
    await notifier.send(notification({ kind: "resolve", key: "resolve" }));
    await notifier.send(notification({ kind: "status-reminder", key: "x" }));
    expect(pagerduty.received.map((request) => request.path)).toEqual([
      "/v2/enqueue",
      "/v2/enqueue",
      "/v2/enqueue",
    ]);
    const [trigger, ack, resolve] = pagerduty.received.map((request) => request.body);
    expect(trigger).toMatchObject({
      routing_key: "R0UTING",
      event_action: "trigger",
      dedup_key: "github:acme/shop#7",
      payload: { source: "sevbot", severity: "critical" },
    });
    expect(String((trigger!.payload as { summary: string }).summary).length).toBeLessThanOrEqual(
      1024,
    );
    expect(ack).toEqual({
      routing_key: "R0UTING",
      event_action: "acknowledge",
      dedup_key: "github:acme/shop#7",
    });
    expect(resolve).toEqual({
      routing_key: "R0UTING",
      event_action: "resolve",
      dedup_key: "github:acme/shop#7",
    });
  });

  it("a 400 (bad routing key) is not retried; 5xx is, until it succeeds", async () => {
    const bad = await service(() => ({
      status: 400,
      body: { status: "invalid event", errors: ["routing_key invalid"] },
    }));
    const failures = await createNotifierHub(
      [createPagerDutyNotifier({ routingKey: "bad", baseUrl: bad.url })],
      noWait,
    ).send(notification());
    expect(bad.received).toHaveLength(1);
    expect(failures[0]!.error).toMatch(/refused the message \(400\)/);
    const flaky = await service((_request, index) =>
      index < 2 ? { status: 503 } : { status: 202, body: { status: "success" } },
    );
    expect(
      await createNotifierHub(
        [createPagerDutyNotifier({ routingKey: "k", baseUrl: flaky.url })],
        noWait,
      ).send(notification()),
    ).toEqual([]);
    expect(flaky.received).toHaveLength(3);
  });
});

describe("generic webhook and the hub", () => {
  it("posts the documented JSON, signed", async () => {
    const hook = await service(() => ({ status: 204 }));
    await createWebhookNotifier({ url: `${hook.url}/in`, secret: "s3cret" }).send(notification());
    const [request] = hook.received;
    expect(request!.body).toEqual({
      kind: "declare",
      key: "esc-1-s0",
      incident: "github:acme/shop#7",
      severity: 1,
      title: "Checkout is down",
      text: "Sev-1 not acknowledged after 0 min",
      url: "https://github.example/acme/shop/issues/7",
      drill: false,
    });
    expect(request!.headers["x-sevbot-signature"]).toBe(
      `sha256=${createHmac("sha256", "s3cret").update(JSON.stringify(request!.body)).digest("hex")}`,
    );
  });

  it("one failing notifier never blocks the others, and nothing is sent twice for the same key", async () => {
    const down = await service(() => ({ status: 500 }));
    const up = await service(() => ({ status: 200 }));
    const hub = createNotifierHub(
      [
        createWebhookNotifier({ url: down.url }),
        { ...createWebhookNotifier({ url: up.url }), name: "webhook-2" },
      ],
      { ...noWait, attempts: 3 },
    );
    const failures = await hub.send(notification());
    expect(failures).toEqual([
      { notifier: "webhook", error: expect.stringMatching(/answered 500 \(after 3 attempts\)/) },
    ]);
    expect(up.received).toHaveLength(1);
    await hub.send(notification());
    expect(up.received).toHaveLength(1);
    expect(down.received).toHaveLength(6);
  });

  it("the same step handed over again while its send is under way (a retried job in one process) is sent once, with no warning", async () => {
    let answer: (() => void) | undefined;
    const slow = await service(() => ({ status: 200 }));
    const warnings: string[] = [];
    const gated = {
      ...createWebhookNotifier({ url: slow.url }),
      send: async (sent: Notification) => {
        await new Promise<void>((resolve) => (answer = resolve));
        await createWebhookNotifier({ url: slow.url }).send(sent);
      },
    };
    const hub = createNotifierHub([gated], {
      ...noWait,
      warn: (message) => void warnings.push(message),
    });
    const first = hub.send(notification());
    await vi.waitFor(() => expect(answer).toBeDefined());
    const second = hub.send(notification());
    answer!();
    expect(await Promise.all([first, second])).toEqual([[], []]);
    expect(slow.received).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it("tells how each delivery ended, and skips a notifier the notification is nothing to", async () => {
    const up = await service(() => ({ status: 200 }));
    const down = await service(() => ({ status: 500 }));
    const outcomes: string[] = [];
    const picky = {
      ...createWebhookNotifier({ url: up.url }),
      name: "picky",
      handles: () => false,
    };
    const hub = createNotifierHub(
      [
        createWebhookNotifier({ url: up.url }),
        { ...createWebhookNotifier({ url: down.url }), name: "down" },
        picky,
      ],
      {
        ...noWait,
        attempts: 2,
        observe: (notifier, outcome) => void outcomes.push(`${notifier} ${outcome}`),
      },
    );
    await hub.send(notification());
    await hub.send(notification());
    expect(outcomes.sort()).toEqual([
      "down failed",
      "down failed",
      "webhook already_sent",
      "webhook sent",
    ]);
    expect(up.received).toHaveLength(1);
  });

  it("the same step of two incidents declared in the same minute is two pages, not one", async () => {
    const up = await service(() => ({ status: 200 }));
    const hub = createNotifierHub([createWebhookNotifier({ url: up.url })], noWait);
    await hub.send(notification({ key: "esc-29922713-s0", incidentKey: "github:acme/shop#7" }));
    await hub.send(notification({ key: "esc-29922713-s0", incidentKey: "github:acme/shop#8" }));
    await hub.send(notification({ key: "esc-29922713-s0", incidentKey: "github:acme/shop#8" }));
    expect(up.received.map((request) => request.body.incident)).toEqual([
      "github:acme/shop#7",
      "github:acme/shop#8",
    ]);
  });
});

describe("e-mail over SMTP", () => {
  it("delivers to the notification's addresses with the severity in the subject", async () => {
    const mails: Array<{ to: string[]; data: string }> = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let data = "";
        stream.on("data", (chunk: Buffer) => (data += chunk.toString()));
        stream.on("end", () => {
          mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    try {
      const email = createEmailNotifier({
        url: `smtp://127.0.0.1:${port}`,
        from: "sevbot <sevbot@example.test>",
      });
      await email.send(
        notification({
          targets: {
            channels: [],
            users: [],
            emails: ["oncall@example.test", "cto@example.test"],
            page: false,
          },
        }),
      );
      await email.send(
        notification({ targets: { channels: [], users: [], emails: [], page: false } }),
      );
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual(["oncall@example.test", "cto@example.test"]);
      expect(mails[0]!.data).toMatch(/Subject: \[SEV-1\] Checkout is down/);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
