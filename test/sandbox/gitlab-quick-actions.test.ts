import { afterEach, describe, expect, it } from "vitest";
import { extractQuickActions } from "../../src/sandbox/gitlab/quick-actions.js";
import { gitlabHarness } from "./gitlab-harness.js";

const h = gitlabHarness();
afterEach(() => h.stop());

describe("GitLab sandbox: quick actions", () => {
  it("keeps /sevbot lines, unknown commands and code blocks verbatim", () => {
    const note = "/label ~bug\n/ack\n/status mitigating\n/sevbot resolve\n```\n/close\n```\n/CLOSE";
    expect(extractQuickActions(note)).toEqual({
      text: "/ack\n/status mitigating\n/sevbot resolve\n```\n/close\n```",
      actions: [
        { name: "label", args: "~bug" },
        { name: "close", args: "" },
      ],
    });
  });

  it("applies known quick actions, strips them from the stored note and sends one update", async () => {
    const { url, received } = await h.receive();
    const sandbox = await h.start({ webhookUrl: url });
    sandbox.createRepo("acme/shop", { collaborators: { kim: "write" } });
    await sandbox.openIssue("acme/shop", { as: "reporter", title: "Down", labels: ["bug"] });
    const id = await sandbox.comment(
      "acme/shop",
      1,
      'Declaring.\n/label ~severity::1 ~"needs review"\n/unlabel ~bug\n/assign @kim\n/sevbot ack',
      { as: "dana" },
    );
    await sandbox.idle();
    expect(sandbox.comments("acme/shop", 1)).toMatchObject([
      { id, body: "Declaring.\n/sevbot ack" },
    ]);
    expect(sandbox.issue("acme/shop", 1)).toMatchObject({
      labels: [{ name: "severity::1" }, { name: "needs review" }],
      assignees: [{ login: "kim" }],
    });
    expect(
      received.map(
        (hook) => `${hook.headers["x-gitlab-event"]}:${hook.body.object_attributes.action}`,
      ),
    ).toEqual(["Issue Hook:open", "Note Hook:create", "Issue Hook:update"]);
    expect(received[1]!.body.object_attributes.note).toBe("Declaring.\n/sevbot ack");
    expect(
      received[2]!.body.changes.labels.current.map((label: { title: string }) => label.title),
    ).toEqual(["severity::1", "needs review"]);
  });

  it("a note of only quick actions is not stored and sends no Note Hook; the API answers 202", async () => {
    const { url, received } = await h.receive();
    const sandbox = await h.start({ webhookUrl: url });
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", { as: "reporter", title: "Down" });
    const response = await h.api("/projects/acme%2Fshop/issues/1/notes", {
      method: "POST",
      body: JSON.stringify({ body: "/close" }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ commands_changes: { state: "closed" } });
    expect(
      await sandbox.comment("acme/shop", 1, "/reopen\n/label ~severity::2", { as: "kim" }),
    ).toBe(0);
    await sandbox.idle();
    expect(sandbox.comments("acme/shop", 1)).toEqual([]);
    expect(sandbox.issue("acme/shop", 1)).toMatchObject({
      state: "open",
      labels: [{ name: "severity::2" }],
    });
    expect(
      received.map(
        (hook) => `${hook.headers["x-gitlab-event"]}:${hook.body.object_attributes.action}`,
      ),
    ).toEqual(["Issue Hook:open", "Issue Hook:close", "Issue Hook:update", "Issue Hook:reopen"]);
  });

  it("leaves a note without known quick actions untouched, /ack and /status included", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", { as: "reporter", title: "Down" });
    const response = await h.json("/projects/acme%2Fshop/issues/1/notes", {
      method: "POST",
      body: JSON.stringify({ body: "/ack\n/status investigating" }),
    });
    expect(response).toMatchObject({ status: 201, body: { body: "/ack\n/status investigating" } });
  });
});
