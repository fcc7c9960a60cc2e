import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { GITLAB_BOT_USERNAME } from "../../src/sandbox/index.js";
import { gitlabHarness, SECRET } from "./gitlab-harness.js";

const h = gitlabHarness();
afterEach(() => h.stop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/gitlab/${name}`, import.meta.url), "utf8"),
  ) as Record<string, Record<string, unknown>>;
const keysOf = (value: Record<string, unknown>) => Object.keys(value).sort();

describe("GitLab sandbox: webhooks", () => {
  it("sends an Issue Hook shaped like GitLab's documented example, with GitLab's headers", async () => {
    const { url, received } = await h.receive();
    const sandbox = await h.start({ webhookUrl: url });
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", {
      as: "reporter",
      title: "Down",
      body: "500s",
      labels: ["bug"],
    });
    await sandbox.idle();
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received as [(typeof received)[number]];
    expect(headers).toMatchObject({
      "x-gitlab-event": "Issue Hook",
      "x-gitlab-token": SECRET,
      "x-gitlab-instance": sandbox.url,
      "user-agent": "GitLab/17.0.0-sandbox",
      "content-type": "application/json",
    });
    for (const name of ["idempotency-key", "x-gitlab-webhook-uuid", "x-gitlab-event-uuid"])
      expect(headers[name]).toMatch(UUID);
    expect(headers["x-hub-signature-256"]).toBeUndefined();

    const documented = fixture("issue-hook.open.gitlab-docs.json");
    for (const part of ["user", "project", "repository"])
      expect(keysOf(body[part])).toEqual(expect.arrayContaining(keysOf(documented[part]!)));
    const attributes = [
      "id",
      "iid",
      "title",
      "description",
      "state",
      "action",
      "confidential",
      "labels",
      "url",
      "created_at",
      "updated_at",
      "author_id",
      "assignee_ids",
      "project_id",
      "state_id",
    ];
    expect(keysOf(body.object_attributes)).toEqual(expect.arrayContaining(attributes));
    expect(keysOf(body.labels[0])).toEqual(
      keysOf((documented.labels as unknown as Array<Record<string, unknown>>)[0]!),
    );
    expect(body).toMatchObject({
      object_kind: "issue",
      event_type: "issue",
      user: { username: "reporter" },
      project: {
        path_with_namespace: "acme/shop",
        visibility_level: 20,
        web_url: `${sandbox.url}/acme/shop`,
      },
      object_attributes: {
        iid: 1,
        title: "Down",
        description: "500s",
        state: "opened",
        action: "open",
        confidential: false,
        url: `${sandbox.url}/acme/shop/-/issues/1`,
        labels: [{ title: "bug", color: "#ededed" }],
      },
      labels: [{ title: "bug" }],
    });
    expect(sandbox.deliveries).toEqual([
      { id: headers["idempotency-key"], event: "Issue Hook", action: "open", status: 200 },
    ]);
  });

  it("a PUT that changes labels, title and state: ONE update with changes.labels.previous/current, then close", async () => {
    const { url, received } = await h.receive();
    const sandbox = await h.start({ webhookUrl: url });
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", { as: "reporter", title: "Down", labels: ["bug"] });
    await h.api("/projects/acme%2Fshop/issues/1", {
      method: "PUT",
      body: JSON.stringify({
        title: "Down!",
        add_labels: "severity::1,team::web",
        remove_labels: "bug",
        state_event: "close",
      }),
    });
    await sandbox.addLabels("acme/shop", 1, ["a", "b"], { as: "dana" });
    await sandbox.idle();
    expect(
      received.map(
        (hook) =>
          `${hook.headers["x-gitlab-event"]}:${hook.body.object_attributes.action}:${hook.body.user.username}`,
      ),
    ).toEqual([
      "Issue Hook:open:reporter",
      `Issue Hook:update:${GITLAB_BOT_USERNAME}`,
      `Issue Hook:close:${GITLAB_BOT_USERNAME}`,
      "Issue Hook:update:dana",
    ]);
    const update = received[1]!.body;
    const titles = (labels: Array<{ title: string }>) => labels.map((label) => label.title);
    expect(titles(update.changes.labels.previous)).toEqual(["bug"]);
    expect(titles(update.changes.labels.current)).toEqual(["severity::1", "team::web"]);
    expect(update.changes.title).toEqual({ previous: "Down", current: "Down!" });
    expect(update.object_attributes.state).toBe("opened");
    expect(received[2]!.body.object_attributes.state).toBe("closed");
    expect(titles(received[3]!.body.changes.labels.current)).toEqual([
      "severity::1",
      "team::web",
      "a",
      "b",
    ]);
  });

  it("confidential issues and their notes go out as Confidential Issue/Note Hooks", async () => {
    const { url, received } = await h.receive();
    const sandbox = await h.start({ webhookUrl: url });
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", { as: "reporter", title: "Secret", confidential: true });
    await sandbox.comment("acme/shop", 1, "looking", { as: "kim" });
    await h.api("/projects/acme%2Fshop/issues", {
      method: "POST",
      body: JSON.stringify({ title: "Public" }),
    });
    await sandbox.idle();
    expect(
      received.map((hook) => [
        hook.headers["x-gitlab-event"],
        hook.body.event_type,
        hook.body.object_kind,
      ]),
    ).toEqual([
      ["Confidential Issue Hook", "confidential_issue", "issue"],
      ["Confidential Note Hook", "confidential_note", "note"],
      ["Issue Hook", "issue", "issue"],
    ]);
    expect(received[0]!.body.object_attributes.confidential).toBe(true);
  });

  it("sends Note Hooks shaped like GitLab's example for created and edited notes", async () => {
    const { url, received } = await h.receive();
    const sandbox = await h.start({ webhookUrl: url });
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", {
      as: "reporter",
      title: "Down",
      labels: ["severity::2"],
    });
    const id = await sandbox.comment("acme/shop", 1, "on it", { as: "kim" });
    await sandbox.editComment("acme/shop", id, "on it, rolling back", { as: "kim" });
    await sandbox.idle();
    const [created, edited] = [received[1]!.body, received[2]!.body];
    const documented = fixture("note-hook.issue.gitlab-docs.json");
    expect(keysOf(created)).toEqual(expect.arrayContaining(keysOf(documented)));
    expect(keysOf(created.object_attributes)).toEqual(
      expect.arrayContaining(keysOf(documented.object_attributes!)),
    );
    expect(created).toMatchObject({
      object_kind: "note",
      event_type: "note",
      user: { username: "kim" },
      object_attributes: {
        id,
        note: "on it",
        noteable_type: "Issue",
        system: false,
        action: "create",
        url: `${sandbox.url}/acme/shop/-/issues/1#note_${id}`,
      },
      issue: {
        iid: 1,
        title: "Down",
        state: "opened",
        confidential: false,
        labels: [{ title: "severity::2" }],
      },
    });
    expect(edited.object_attributes).toMatchObject({
      id,
      note: "on it, rolling back",
      action: "update",
    });
    expect(received[1]!.headers["x-gitlab-event"]).toBe("Note Hook");
  });

  it("a duplicated delivery repeats its Idempotency-Key, with a new X-Gitlab-Webhook-UUID; drops are recorded", async () => {
    const { url, received } = await h.receive();
    const sandbox = await h.start({
      webhookUrl: url,
      faults: { seed: 3, rate: 1, kinds: ["duplicate-webhook"] },
    });
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", { as: "reporter", title: "x" });
    await sandbox.idle();
    expect(received).toHaveLength(2);
    expect(received[0]!.headers["idempotency-key"]).toBe(received[1]!.headers["idempotency-key"]);
    expect(received[0]!.headers["x-gitlab-event-uuid"]).toBe(
      received[1]!.headers["x-gitlab-event-uuid"],
    );
    expect(received[0]!.headers["x-gitlab-webhook-uuid"]).not.toBe(
      received[1]!.headers["x-gitlab-webhook-uuid"],
    );
    sandbox.setFaults({ seed: 3, rate: 1, kinds: ["drop-webhook"] });
    await sandbox.openIssue("acme/shop", { as: "reporter", title: "y" });
    await sandbox.idle();
    expect(received).toHaveLength(2);
    expect(sandbox.deliveries.at(-1)).toMatchObject({
      event: "Issue Hook",
      action: "open",
      fault: "drop-webhook",
      status: 0,
    });
  });
});
