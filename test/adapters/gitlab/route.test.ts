import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitlabRoute } from "../../../src/adapters/gitlab/route.js";
import {
  translateGitlabEvent,
  type GitlabPayload,
} from "../../../src/adapters/gitlab/translate.js";
import { createDeliveryDedupe } from "../../../src/app/delivery-dedupe.js";
import { defaultConfig } from "../../../src/config/load.js";
import { parseCommands } from "../../../src/core/commands/parse.js";
import { decide } from "../../../src/core/decide.js";
import type { DomainEvent } from "../../../src/core/events.js";

/** GitLab's documented payloads, varied only in labels, actions and text. */
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../fixtures/gitlab/${name}`, import.meta.url), "utf8"),
  ) as GitlabPayload & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const label = (title: string) => ({
  id: title.length,
  title,
  color: "#ff0000",
  project_id: 14,
  template: false,
  type: "ProjectLabel",
});

function labelsChanged(previous: string[], current: string[], eventType = "issue") {
  const payload = fixture("issue-hook.open.gitlab-docs.json");
  payload.event_type = eventType;
  payload.object_attributes!.action = "update";
  payload.changes = { labels: { previous: previous.map(label), current: current.map(label) } };
  return payload;
}

describe("GitLab payloads → events", () => {
  it("an update adding severity::1 is a label event; the core declares a GitLab incident from it", () => {
    const translation = translateGitlabEvent(labelsChanged(["API"], ["API", "severity::1"]));
    expect(translation.kind).toBe("events");
    const events = translation.kind === "events" ? translation.events : [];
    expect(events.map((event) => event.kind === "issue-labeled" && event.label)).toEqual([
      "severity::1",
    ]);
    const { incident, actions } = decide(
      undefined,
      events[0]!,
      defaultConfig(),
      new Date("2026-11-22T14:00:00Z"),
    );
    expect(incident?.source).toEqual({
      platform: "gitlab",
      repo: "gitlabhq/gitlab-test",
      number: 23,
    });
    expect(actions.map((action) => action.kind)).toContain("create-log-issue");
  });

  it("scoped labels replacing each other: severity::2 → severity::1 is one added and one removed", () => {
    const translation = translateGitlabEvent(labelsChanged(["severity::2"], ["severity::1"]));
    expect(
      translation.kind === "events" &&
        translation.events.map((event) => `${event.kind}:${"label" in event ? event.label : ""}`),
    ).toEqual(["issue-labeled:severity::1", "issue-unlabeled:severity::2"]);
  });

  it("a Confidential Issue Hook gives a confidential snapshot", () => {
    const translation = translateGitlabEvent(
      labelsChanged([], ["severity::1"], "confidential_issue"),
    );
    expect(translation.kind === "events" && translation.events[0]!.issue.confidential).toBe(true);
  });

  it("close and reopen; notes become comments whose `/sevbot <command>` lines are commands", () => {
    const closed = fixture("issue-hook.open.gitlab-docs.json");
    closed.object_attributes!.action = "close";
    expect(translateGitlabEvent(closed)).toMatchObject({
      kind: "events",
      events: [{ kind: "issue-closed" }],
    });
    const note = fixture("note-hook.issue.gitlab-docs.json");
    note.object_attributes!.note = "/sevbot ack\n/sevbot status rolling back";
    const translation = translateGitlabEvent(note);
    expect(translation).toMatchObject({
      kind: "events",
      events: [
        { kind: "comment-created", comment: { body: "/sevbot ack\n/sevbot status rolling back" } },
      ],
    });
    const body =
      translation.kind === "events" && translation.events[0]!.kind === "comment-created"
        ? translation.events[0]!.comment.body
        : "";
    expect(parseCommands(body).map((command) => command.name)).toEqual(["ack", "status"]);
  });

  it("the bot's own notes and project-token bots are bots", () => {
    const note = fixture("note-hook.issue.gitlab-docs.json");
    note.user!.username = "project_14_bot_3f2a";
    expect(translateGitlabEvent(note)).toMatchObject({ events: [{ actor: { isBot: true } }] });
  });
});

describe("GitLab webhook route", () => {
  let server: Server;
  let url: string;
  let dispatched: Array<{ events: DomainEvent[]; id: string }>;
  let queueDown: boolean;

  beforeEach(async () => {
    dispatched = [];
    queueDown = false;
    const dispatch = async (events: DomainEvent[], id: string) => {
      if (queueDown) throw new Error("redis is restarting");
      dispatched.push({ events, id });
    };
    const route = createGitlabRoute({
      secret: "gl-secret",
      dedupe: createDeliveryDedupe(),
      dispatch,
      log: () => undefined,
    });
    server = createServer(
      (req, res) => void route(req, res).then((handled) => handled || res.writeHead(404).end()),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/gitlab/webhooks`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-gitlab-event": "Issue Hook",
        "x-gitlab-token": "gl-secret",
        ...headers,
      },
      body,
    });

  it("a wrong or missing token gets 401 and nothing else", async () => {
    const body = JSON.stringify(labelsChanged([], ["severity::1"]));
    expect((await send(body, { "x-gitlab-token": "wrong" })).status).toBe(401);
    const missing = await fetch(url, { method: "POST", body });
    expect(missing.status).toBe(401);
    expect(dispatched).toEqual([]);
  });

  it("dedupes on Idempotency-Key, not on X-Gitlab-Event-UUID", async () => {
    const body = JSON.stringify(labelsChanged([], ["severity::1"]));
    expect(
      (await send(body, { "idempotency-key": "k1", "x-gitlab-event-uuid": "chain" })).status,
    ).toBe(202);
    expect(
      (await send(body, { "idempotency-key": "k1", "x-gitlab-event-uuid": "chain" })).status,
    ).toBe(200);
    expect(
      (await send(body, { "idempotency-key": "k2", "x-gitlab-event-uuid": "chain" })).status,
    ).toBe(202);
    expect(dispatched.map((entry) => entry.id)).toEqual(["k1", "k2"]);
  });

  it("a delivery that cannot be queued gets 503 and its claim back, so GitLab's retry is not dropped", async () => {
    const body = JSON.stringify(labelsChanged([], ["severity::1"]));
    queueDown = true;
    expect((await send(body, { "idempotency-key": "k9" })).status).toBe(503);
    queueDown = false;
    expect((await send(body, { "idempotency-key": "k9" })).status).toBe(202);
    expect(dispatched.map((entry) => entry.id)).toEqual(["k9"]);
  });

  it("malformed JSON is a 400; ignored events still get 200 (GitLab disables failing hooks)", async () => {
    expect((await send("{not json", { "idempotency-key": "a" })).status).toBe(400);
    const mergeRequestNote = fixture("note-hook.issue.gitlab-docs.json");
    mergeRequestNote.object_attributes!.noteable_type = "MergeRequest";
    expect((await send(JSON.stringify(mergeRequestNote), { "idempotency-key": "b" })).status).toBe(
      200,
    );
    expect(dispatched).toEqual([]);
  });
});
