import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEmailNotifier } from "../../../src/adapters/notify/email.js";
import { createNotifierHub } from "../../../src/adapters/notify/hub.js";
import { createPagerDutyNotifier } from "../../../src/adapters/notify/pagerduty.js";
import { createSlackNotifier, slackText } from "../../../src/adapters/notify/slack.js";
import { createWebhookNotifier, webhookBody } from "../../../src/adapters/notify/webhook.js";
import { simulationLines } from "../../../src/cli/simulate.js";
import { parseConfig } from "../../../src/config/load.js";
import type { Action } from "../../../src/core/actions.js";
import { decide } from "../../../src/core/decide.js";
import type { DomainEvent } from "../../../src/core/events.js";
import type { Notification } from "../../../src/core/notification.js";
import { config, human, issue, labeled, NOW, said } from "../../helpers/builders.js";
import { fakeServicesClosedAfterEach } from "./fake-service.js";

const service = fakeServicesClosedAfterEach();
const noWait = { sleep: async () => undefined, baseDelayMs: 1 };
const okSlack = () =>
  service(() => ({ status: 200, body: { ok: true, channel: "C1", ts: "1.2" } }));
const accepted = () => service(() => ({ status: 202, body: { status: "success" } }));
const notifications = (actions: Action[]): Notification[] =>
  actions.flatMap((action) => (action.kind === "notify" ? [action.notification] : []));

/** A drill's declaration as the core decides it, from a config that would page and post if it were real. */
function drillDeclaration(): Notification {
  const { config: cfg } = parseConfig(
    {
      oncall: ["ana", "pager-human"],
      drills: { participants: ["ana"] },
      notifications: { slackUsers: { ana: "U0000ANA", "pager-human": "U0000PGR" } },
      escalation: {
        policies: {
          1: {
            steps: [
              {
                notify: {
                  channels: ["#tech-incidents"],
                  everyone: true,
                  emails: ["oncall@example.test"],
                  oncall: true,
                  page: true,
                },
              },
            ],
          },
        },
      },
    },
    "test",
  );
  const declared = decide(undefined, labeled("severity::1", ["severity::1", "drill"]), cfg, NOW);
  return notifications(declared.actions)[0]!;
}

describe("a drill's notification reaches its participants only", () => {
  it("says drill: true and targets only the participant", () => {
    expect(drillDeclaration()).toMatchObject({
      drill: true,
      targets: { channels: [], users: ["ana"], emails: [], page: false, onlyTargets: true },
    });
  });

  it("Slack Web API: a direct message to the participant, saying it is a drill; no channel even if one is listed", async () => {
    const slack = await okSlack();
    const sent = drillDeclaration();
    await createSlackNotifier({ botToken: "xoxb-test", apiBaseUrl: slack.url }).send({
      ...sent,
      targets: { ...sent.targets, channels: ["#tech-incidents"], everyone: true },
    });
    expect(slack.received.map((request) => request.body.channel)).toEqual(["U0000ANA"]);
    expect(String(slack.received[0]!.body.text)).toMatch(/^🎭 \*Drill\* /);
    expect(String(slack.received[0]!.body.text)).not.toContain("<!channel>");
  });

  it("nothing reaches the Slack incoming webhook, the generic webhook, PagerDuty or e-mail", async () => {
    const hook = await service(() => ({ status: 200, text: "ok" }));
    const generic = await service(() => ({ status: 204 }));
    const pagerduty = await accepted();
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        stream.on("data", (chunk: Buffer) => mails.push(chunk.toString()));
        stream.on("end", () => callback());
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    try {
      const hub = createNotifierHub(
        [
          createSlackNotifier({ webhookUrl: `${hook.url}/hook` }),
          createWebhookNotifier({ url: generic.url }),
          createPagerDutyNotifier({ routingKey: "R", baseUrl: pagerduty.url }),
          createEmailNotifier({
            url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
            from: "sevbot <sevbot@example.test>",
          }),
        ],
        noWait,
      );
      const sent = drillDeclaration();
      // Even a drill notification that (wrongly) listed a pager, an address and a channel.
      const loud = {
        ...sent,
        targets: {
          ...sent.targets,
          page: true,
          emails: ["oncall@example.test"],
          channels: ["#tech-incidents"],
          onlyTargets: false,
        },
      };
      expect(await hub.send(sent)).toEqual([]);
      expect(await hub.send({ ...loud, key: "loud" })).toEqual([]);
      expect(await hub.send({ ...loud, key: "ack", kind: "acknowledge" })).toEqual([]);
      expect(hook.received).toEqual([]);
      expect(generic.received).toEqual([]);
      expect(pagerduty.received).toEqual([]);
      expect(mails).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it("the generic webhook's body says whether it is a drill", () => {
    const sent = drillDeclaration();
    expect(webhookBody(sent)).toMatchObject({ kind: "declare", drill: true });
    expect(webhookBody({ ...sent, drill: undefined })).toMatchObject({ drill: false });
  });
});

describe("PagerDuty: acknowledge and resolve only after a trigger", () => {
  const command = (body: string, id: number, labels: string[]) =>
    said(body, { login: human.login, id, labels });
  async function lifecycle(severity: 1 | 2): Promise<string[]> {
    const pagerduty = await accepted();
    const notifier = createPagerDutyNotifier({ routingKey: "R", baseUrl: pagerduty.url });
    const labels = [`severity::${severity}`];
    const cfg = config();
    const declared = decide(undefined, labeled(labels[0]!), cfg, NOW);
    const acked = decide(declared.incident, command("/ack", 1, labels), cfg, NOW);
    const resolved = decide(acked.incident, command("/resolve", 2, labels), cfg, NOW);
    for (const sent of notifications([...declared.actions, ...acked.actions, ...resolved.actions]))
      await notifier.send(sent);
    return pagerduty.received.map((request) => String(request.body.event_action));
  }

  it("a Sev-2 with page: false: PagerDuty hears nothing at all", async () => {
    expect(await lifecycle(2)).toEqual([]);
  });

  it("a Sev-1: trigger, acknowledge, resolve", async () => {
    expect(await lifecycle(1)).toEqual(["trigger", "acknowledge", "resolve"]);
  });
});

describe("Slack's @channel and `sevbot simulate` read the same policy", () => {
  it("generated policies: simulate prints @channel exactly when the Slack message addresses it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1 as const, 2 as const),
        fc.boolean(),
        fc.array(fc.constantFrom("#tech-incidents", "#payments"), { maxLength: 2 }),
        (severity, everyone, channels) => {
          const { config: cfg, error } = parseConfig(
            {
              escalation: {
                policies: {
                  [severity]: { steps: [{ notify: { channels, everyone, page: true } }] },
                },
              },
            },
            "generated",
          );
          expect(error).toBeUndefined();
          const sent = notifications(
            decide(undefined, labeled(`severity::${severity}`), cfg, NOW).actions,
          ).find((notification) => notification.kind === "declare")!;
          const slackSays = slackText(sent, true).startsWith("<!channel> ");
          const step = simulationLines(cfg, severity, [], NOW).find((line) =>
            line.includes("step 1"),
          )!;
          expect(step.includes("@channel")).toBe(slackSays);
          expect(slackSays).toBe(everyone && channels.length > 0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a Sev-2 step with everyone: true addresses @channel on Slack (it was Sev-1 only)", async () => {
    const slack = await okSlack();
    const sent = notifications(
      decide(undefined, labeled("severity::2"), config(), NOW).actions,
    )[0]!;
    await createSlackNotifier({ botToken: "x", apiBaseUrl: slack.url }).send(sent);
    expect(String(slack.received[0]!.body.text)).toMatch(/^<!channel> \*\[SEV-2\]/);
  });
});

describe("Slack sets a war room's topic", () => {
  const topicChange = (): Notification => ({
    key: "war-room-topic-5",
    incidentKey: "github:acme/shop#7",
    kind: "war-room-topic",
    severity: 1,
    title: "Checkout is down",
    text: "Sev-1: Checkout is down https://github.example/acme/shop/issues/7",
    url: "https://github.example/acme/shop/issues/7",
    targets: { channels: ["C42"], users: [], emails: [], page: false, onlyTargets: true },
  });

  it("with the Web API's conversations.setTopic, and posts no message", async () => {
    const slack = await okSlack();
    await createSlackNotifier({ botToken: "xoxb-test", apiBaseUrl: slack.url }).send(topicChange());
    expect(slack.received.map((request) => [request.path, request.body])).toEqual([
      [
        "/conversations.setTopic",
        {
          channel: "C42",
          topic: "Sev-1: Checkout is down https://github.example/acme/shop/issues/7",
        },
      ],
    ]);
  });

  it("no other notifier takes it (an incoming webhook has no rooms; the webhook and PagerDuty no business)", async () => {
    const hook = await service(() => ({ status: 200, text: "ok" }));
    const generic = await service(() => ({ status: 204 }));
    const pagerduty = await accepted();
    await createNotifierHub(
      [
        createSlackNotifier({ webhookUrl: `${hook.url}/hook` }),
        createWebhookNotifier({ url: generic.url }),
        createPagerDutyNotifier({ routingKey: "R", baseUrl: pagerduty.url }),
      ],
      noWait,
    ).send(topicChange());
    expect([hook.received, generic.received, pagerduty.received]).toEqual([[], [], []]);
  });
});

describe("a security report's notice", () => {
  it("goes to the engaged people directly, never to a shared receiver", async () => {
    const cfg = config({
      security: { ...config().security, engage: ["sec-lead"] },
      notifications: { slackUsers: { "sec-lead": "U0SEC" } },
    });
    const opened: DomainEvent = {
      kind: "issue-opened",
      issue: issue({ title: "[Security] token leak", labels: ["security"] }),
      actor: { login: "outsider", isBot: false },
      permission: "read",
    };
    const [notice] = notifications(decide(undefined, opened, cfg, NOW).actions);
    const slack = await okSlack();
    const hook = await service(() => ({ status: 200, text: "ok" }));
    const generic = await service(() => ({ status: 204 }));
    await createNotifierHub(
      [
        createSlackNotifier({ botToken: "x", apiBaseUrl: slack.url }),
        createSlackNotifier({ webhookUrl: `${hook.url}/hook` }),
        createWebhookNotifier({ url: generic.url }),
      ].map((notifier, index) => ({ ...notifier, name: `${notifier.name}-${index}` })),
      noWait,
    ).send(notice!);
    expect(slack.received.map((request) => request.body.channel)).toEqual(["U0SEC"]);
    expect(String(slack.received[0]!.body.text)).toMatch(/^\*\[SECURITY REPORT\] Security report /);
    expect([hook.received, generic.received]).toEqual([[], []]);
  });
});
