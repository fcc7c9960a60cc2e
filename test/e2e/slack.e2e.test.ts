import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { slackSignatureHeaders } from "../../src/adapters/slack/signature.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { fakeSlackApi } from "../adapters/notify/fake-service.js";
import { vendorFixture } from "../helpers/inbound.js";
import { configFileOf, startStack, type Stack } from "./harness.js";

const REPO = "acme/chat";
const SECRET = "slack-signing-secret";
const CONFIG = "notifications:\n  slackUsers:\n    lee: U0LEE1234\n    rob: U0ROB1234\n";
const slashForm = () =>
  new URLSearchParams(
    readFileSync(new URL("../fixtures/slack/slash-command.form", import.meta.url), "utf8").trim(),
  );

/**
 * Issue 13 §2: act from Slack. The built server, the sandbox forge, a fake Slack Web API (which
 * also takes the `response_url` answers). Buttons on the war-room announcement, `/sevbot` in the
 * war room, refusals answered privately; forged, stale and malformed requests change nothing.
 */
describe.each(["github", "gitlab"] as const)("acting from Slack on %s", (platform) => {
  let stack: Stack;
  let slack: Awaited<ReturnType<typeof fakeSlackApi>>;
  let number: number;
  let key: string;

  const comments = () => stack.sandbox.comments(REPO, number).map((comment) => comment.body ?? "");
  const log = () => stack.sandbox.issues(REPO).find((issue) => issue.title.startsWith("[SEV-1]"))!;
  const replies = () =>
    slack.received
      .filter((request) => request.path.startsWith("/respond/"))
      .map((r) => String(r.body.text));
  const send = (
    body: string,
    headers = slackSignatureHeaders(SECRET, Math.floor(Date.now() / 1000), body),
  ) =>
    fetch(`${stack.server.url}/api/slack/interactions`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });
  function click(action: "sevbot_ack" | "sevbot_lead", user: string, n: number) {
    const payload = vendorFixture("slack", "block_actions.json");
    payload.user.id = user;
    payload.user.username = user.toLowerCase();
    payload.response_url = `${slack.url}/respond/${n}`;
    Object.assign(payload.actions[0], { action_id: action, value: key, action_ts: `${n}.0001` });
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }
  function command(text: string, user: string, channel: string, n: number) {
    const form = slashForm();
    form.set("command", "/sevbot");
    form.set("text", text);
    form.set("user_id", user);
    form.set("channel_id", channel);
    form.set("trigger_id", `trigger-${n}`);
    form.set("response_url", `${slack.url}/respond/${n}`);
    return form.toString();
  }

  beforeAll(async () => {
    slack = await fakeSlackApi();
    stack = await startStack(platform === "gitlab" ? { platform } : {}, {
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_API_URL: slack.url,
      SLACK_SIGNING_SECRET: SECRET,
    });
    stack.sandbox.createRepo(REPO, {
      collaborators: { dana: "write", lee: "write", rob: "read" },
      files: { [configFileOf(platform)]: CONFIG },
    });
    number = await stack.sandbox.openIssue(REPO, { as: "reporter", title: "Login fails" });
    key = `${platform}:${REPO}#${number}`;
    await stack.sandbox.addLabels(REPO, number, ["severity::1"], { as: "dana" });
    await vi.waitFor(
      () => expect(comments().some((text) => text.includes("War room: [#"))).toBe(true),
      { timeout: 30_000, interval: 100 },
    );
    await waitForQuiet(stack.sandbox, 300);
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await slack?.close();
  });

  it("the war-room announcement carries Acknowledge, Take the lead and Open the issue", () => {
    const announce = slack.received.find(
      (request) =>
        request.path === "/chat.postMessage" && String(request.body.text).includes("War room open"),
    )!;
    const actions = (
      announce.body.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>
    ).find((block) => block.type === "actions")!.elements!;
    expect(actions.map((element) => [element.action_id, element.value ?? element.url])).toEqual([
      ["sevbot_ack", key],
      ["sevbot_lead", key],
      ["sevbot_open", expect.stringMatching(/^http/)],
    ]);
  });

  it.each<[string, () => Promise<Response>, number]>([
    ["no signature", () => send(click("sevbot_ack", "U0LEE1234", 1), {} as never), 401],
    [
      "a wrong signature",
      () =>
        send(
          click("sevbot_ack", "U0LEE1234", 1),
          slackSignatureHeaders(
            "guess",
            Math.floor(Date.now() / 1000),
            click("sevbot_ack", "U0LEE1234", 1),
          ),
        ),
      401,
    ],
    [
      "a replay six minutes old, correctly signed",
      () => {
        const body = click("sevbot_ack", "U0LEE1234", 1);
        return send(body, slackSignatureHeaders(SECRET, Math.floor(Date.now() / 1000) - 360, body));
      },
      401,
    ],
    ["an oversized body", () => send("payload=" + "a".repeat(1024 * 1024)), 413],
    ["a malformed payload", () => send("payload=%7Bnot-json"), 400],
    ["neither a payload nor a command", () => send("hello=world"), 400],
  ])("refuses %s, and nothing changes", async (_name, request, status) => {
    const before = comments().length;
    expect((await request()).status).toBe(status);
    await waitForQuiet(stack.sandbox, 300);
    expect(comments()).toHaveLength(before);
    expect(log().body).toMatch(/\| Status \| declared \|/);
  });

  it("a reader's click and an unlinked Slack user are answered privately; nothing changes", async () => {
    const before = comments().length;
    const answer = await send(click("sevbot_ack", "U0ROB1234", 2));
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { response_type: string }).response_type).toBe("ephemeral");
    await send(click("sevbot_ack", "U0STRANGER", 3));
    await vi.waitFor(() => expect(replies()).toHaveLength(2), { timeout: 20_000, interval: 100 });
    expect(replies().join("\n")).toMatch(/needs write access; rob has read/);
    expect(replies().join("\n")).toMatch(/U0STRANGER\) is not linked/);
    await waitForQuiet(stack.sandbox, 300);
    expect(comments()).toHaveLength(before);
    expect(log().body).toMatch(/\| Status \| declared \|/);
  }, 60_000);

  it("/sevbot status in the war room and lee's Acknowledge act on the incident, from Slack", async () => {
    const outside = await send(command("ack", "U0LEE1234", "C999", 4));
    expect(((await outside.json()) as { text: string }).text).toMatch(/not an incident's war room/);
    expect(
      (await send(command("status Rolling back the login service", "U0LEE1234", "C42", 5))).status,
    ).toBe(200);
    expect((await send(click("sevbot_ack", "U0LEE1234", 6))).status).toBe(200);
    await vi.waitFor(
      () => {
        expect(comments().join("\n")).toContain("Acknowledged by lee from Slack");
        expect(log().body).toContain("Status: Rolling back the login service");
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  }, 60_000);

  it("a war room sevbot no longer remembers is found again from its topic", async () => {
    // C77 stands for an old war room of this incident that a restart without Redis forgot.
    slack.topics.set("C77", slack.topics.get("C42")!);
    expect(slack.topics.get("C77")).toContain(`/${REPO}/`);
    const answer = await send(command("status Still rolling back", "U0LEE1234", "C77", 7));
    expect(((await answer.json()) as { text: string }).text).toMatch(/^Passing `\/status/);
    await vi.waitFor(() => expect(log().body).toContain("Status: Still rolling back"), {
      timeout: 20_000,
      interval: 100,
    });
  }, 60_000);
});
