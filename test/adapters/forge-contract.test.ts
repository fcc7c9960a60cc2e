import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Forge } from "../../src/ports/forge.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { sandboxForge } from "../helpers/sandbox-forge.js";

const REPO = "acme/shop";
const names = (labels: Array<{ name: string }>) => labels.map((label) => label.name).sort();

/**
 * The Forge port's one contract, run against both adapters on the sandbox (each request validated
 * by the platform's own API description).
 */
describe.each(["github", "gitlab"] as const)("Forge contract on %s", (platform) => {
  let sandbox: Sandbox;
  let forge: Forge;
  let reported: number;

  beforeAll(async () => {
    sandbox = await startSandbox({ webhookSecret: "s", platform });
    sandbox.createRepo(REPO, {
      collaborators: { lee: "write", rhea: "read", ada: "admin" },
      files: { "docs/sevbot.yml": "oncall: [lee]\n" },
    });
    reported = await sandbox.openIssue(REPO, {
      as: "rhea",
      title: "Checkout is down",
      body: "HTTP 500 on POST /api/checkout",
      labels: ["severity::1"],
    });
    forge = sandboxForge(sandbox, platform);
  });
  afterAll(() => sandbox.close());

  it("reads an issue as a snapshot: title, body, labels, state, author", async () => {
    const issue = await forge.getIssue({ platform, repo: REPO, number: reported });
    expect(issue).toMatchObject({
      ref: { platform, repo: REPO, number: reported },
      title: "Checkout is down",
      body: "HTTP 500 on POST /api/checkout",
      labels: ["severity::1"],
      state: "open",
      author: "rhea",
      confidential: false,
    });
    expect(issue.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it("writes comments and lists them back; only its own count as the bot's", async () => {
    const ref = { platform, repo: REPO, number: reported };
    await sandbox.comment(REPO, reported, "seeing it too", { as: "rhea" });
    const written = await forge.createComment(ref, "checklist <!-- sevbot:checklist -->");
    expect(written).toMatchObject({ body: "checklist <!-- sevbot:checklist -->", byBot: true });
    const comments = await forge.listComments(ref);
    expect(comments.map((comment) => [comment.body, comment.byBot])).toEqual([
      ["seeing it too", false],
      ["checklist <!-- sevbot:checklist -->", true],
    ]);
  });

  it("creates an issue with labels, an assignee and a marker, and finds it again by the marker", async () => {
    const created = await forge.createIssue(REPO, {
      title: "[SEV-1] Checkout is down",
      body: "log <!-- sevbot:log-for x -->",
      labels: ["incident-log", "severity::1"],
      assignees: ["lee"],
    });
    expect(created).toMatchObject({
      title: "[SEV-1] Checkout is down",
      labels: ["incident-log", "severity::1"],
      state: "open",
    });
    const stored = sandbox.issue(REPO, created.ref.number);
    expect(names(stored.labels)).toEqual(["incident-log", "severity::1"]);
    expect(stored.assignees.map((user) => user.login)).toEqual(["lee"]);
    expect(
      (await forge.findIssueByMarker(REPO, "incident-log", "<!-- sevbot:log-for x -->"))?.ref,
    ).toEqual(created.ref);
    expect(
      await forge.findIssueByMarker(REPO, "incident-log", "<!-- sevbot:log-for y -->"),
    ).toBeUndefined();
  });

  it("finds its own issue by marker behind a burst of 120 newer ones when told since when to look", async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const target = await forge.createIssue(REPO, {
      title: "[SEV-1] first",
      body: "<!-- sevbot:log-for burst#1 -->",
      labels: ["burst-log"],
    });
    for (let index = 0; index < 120; index++)
      await sandbox.openIssue(REPO, {
        as: "sevbot-bot",
        title: `[SEV-2] later ${index}`,
        body: `<!-- sevbot:log-for burst#${index + 2} -->`,
        labels: ["burst-log"],
      });
    expect(
      await forge.findIssueByMarker(REPO, "burst-log", "<!-- sevbot:log-for burst#1 -->"),
    ).toBeUndefined();
    expect(
      (await forge.findIssueByMarker(REPO, "burst-log", "<!-- sevbot:log-for burst#1 -->", since))
        ?.ref,
    ).toEqual(target.ref);
  });

  it("edits title and body, closes and reopens; open listings follow the state", async () => {
    const created = await forge.createIssue(REPO, {
      title: "t",
      body: "b",
      labels: ["incident-log"],
    });
    await forge.updateIssue(created.ref, { title: "t2", body: "b2" });
    expect(await forge.getIssue(created.ref)).toMatchObject({ title: "t2", body: "b2" });
    await forge.updateIssue(created.ref, { state: "closed" });
    expect((await forge.getIssue(created.ref)).state).toBe("closed");
    expect(
      (await forge.listOpenIssues(REPO, "incident-log")).map((issue) => issue.ref.number),
    ).not.toContain(created.ref.number);
    await forge.updateIssue(created.ref, { state: "open" });
    expect(
      (await forge.listOpenIssues(REPO, "incident-log")).map((issue) => issue.ref.number),
    ).toContain(created.ref.number);
  });

  it("lists the newest 100 issues with a label, open and closed, newest first, in one request", async () => {
    const made: number[] = [];
    for (let index = 0; index < 105; index++)
      made.push(
        await sandbox.openIssue(REPO, {
          as: "sevbot-bot",
          title: `[SEV-3] past ${index}`,
          body: `<!-- sevbot:log-for past#${index} -->`,
          labels: ["past-log"],
        }),
      );
    await sandbox.closeIssue(REPO, made[104]!, { as: "sevbot-bot" });
    await sandbox.openIssue(REPO, { as: "rhea", title: "unrelated", labels: ["bug"] });
    const before = sandbox.requests.length;
    const listed = await forge.listRecentIssues(REPO, "past-log");
    expect(sandbox.requests.length - before).toBe(1);
    expect(listed).toHaveLength(100);
    expect(listed[0]).toMatchObject({ title: "[SEV-3] past 104", state: "closed" });
    expect(listed.map((issue) => issue.ref.number)).toEqual(made.slice(5).reverse());
  });

  it("adds and removes labels; removing one that is not there is not an error", async () => {
    const ref = { platform, repo: REPO, number: reported };
    await forge.addLabels(ref, ["incident::active", "component::payments"]);
    expect(names(sandbox.issue(REPO, reported).labels)).toEqual([
      "component::payments",
      "incident::active",
      "severity::1",
    ]);
    await forge.removeLabel(ref, "incident::active");
    await forge.removeLabel(ref, "incident::active");
    expect(names(sandbox.issue(REPO, reported).labels)).toEqual([
      "component::payments",
      "severity::1",
    ]);
  });

  it("reads a file from the default branch; a missing file is undefined", async () => {
    expect(await forge.readFile(REPO, "docs/sevbot.yml")).toBe("oncall: [lee]\n");
    expect(await forge.readFile(REPO, "docs/none.yml")).toBeUndefined();
  });

  it("tells each person's permission; a passer-by on a public project can at most read", async () => {
    expect(await forge.permission(REPO, "lee")).toBe("write");
    expect(await forge.permission(REPO, "rhea")).toBe("read");
    expect(await forge.permission(REPO, "ada")).toBe("admin");
    expect(["none", "read"]).toContain(await forge.permission(REPO, "mallory"));
  });

  it("sent only requests the platform's API description allows", () => {
    expect(sandbox.requests.length).toBeGreaterThan(10);
    expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });
});
