import { describe, expect, it } from "vitest";
import type { GithubApi } from "../helpers/github-api.js";
import { eachTestWithGithub, type TestApp } from "../helpers/github-app.js";
import { EXAMPLE_REPO, labeledPayload } from "../helpers/github-examples.js";
import { sev1DeclarationReplies } from "../helpers/github-replies.js";

const REPO = `/repos/${EXAMPLE_REPO}`;
/** `.github/sevbot.yml`, as Probot's config loader asks for it (the slash may be escaped). */
const FILE = /\/contents\/\.github(%2F|\/)sevbot\.yml$/;
const RAW = { "content-type": "application/vnd.github.raw; charset=utf-8" };

let api: GithubApi;
let app: TestApp;
eachTestWithGithub((pair) => ({ api, app } = pair));

function file(repo: string, status: number, yaml?: string) {
  api.reply(
    "GET",
    (uri: string) => uri.startsWith(`/repos/${repo}/contents/`) && FILE.test(uri),
    status,
    yaml ?? { message: "Not Found" },
    yaml === undefined ? {} : RAW,
  );
}

const ORG_FILE =
  "oncall: [org-oncall]\ntracker:\n  logLabel: org-incident-log\ncomponents:\n  fallbackOwners: [org-sre]\n";

function declared() {
  const writes = api.writes().filter((request) => !request.path.includes("access_tokens"));
  const log = writes.find((request) => request.path === `${REPO}/issues`)!.body as {
    labels: string[];
  };
  const checklist = (
    writes.find((request) => request.path === `${REPO}/issues/1/comments`)!.body as { body: string }
  ).body;
  return {
    log,
    checklist,
    configReads: api.requests
      .filter((request) => request.path.includes("/contents/"))
      .map((request) => request.path.split("/contents/")[0]),
  };
}

describe("GitHub: configuration through Probot's loader", () => {
  it("`_extends: .github` pulls the organisation's settings; the repository's own sections win", async () => {
    api.token();
    file(EXAMPLE_REPO, 200, "_extends: .github\ncomponents:\n  fallbackOwners: [kim]\n");
    file("Codertocat/.github", 200, ORG_FILE);
    sev1DeclarationReplies(api, { logLabel: "org-incident-log" });
    await app.deliver("issues", labeledPayload("severity::1"));

    const { log, checklist, configReads } = declared();
    expect(configReads).toEqual([REPO, "/repos/Codertocat/.github"]);
    expect(log.labels).toEqual(["org-incident-log"]);
    expect(checklist).toContain("@org-oncall");
    expect(checklist).toContain("@kim");
    expect(checklist).not.toContain("@org-sre");
    expect(checklist).not.toMatch(/^Invalid config/);
  });

  it("no file in the repository: the organisation's `.github` repository file applies as it is", async () => {
    api.token();
    file(EXAMPLE_REPO, 404);
    file("Codertocat/.github", 200, ORG_FILE);
    sev1DeclarationReplies(api, { logLabel: "org-incident-log" });
    await app.deliver("issues", labeledPayload("severity::1"));

    const { log, checklist, configReads } = declared();
    expect(configReads).toEqual([REPO, "/repos/Codertocat/.github"]);
    expect(log.labels).toEqual(["org-incident-log"]);
    expect(checklist).toContain("@org-oncall");
    expect(checklist).toContain("@org-sre");
  });

  it("an invalid inherited setting is reported on the issue and the rest is kept", async () => {
    api.token();
    file(EXAMPLE_REPO, 200, "_extends: .github\n");
    file("Codertocat/.github", 200, "oncall: [org-oncall]\nseverity:\n  incidents: [1, 7]\n");
    sev1DeclarationReplies(api, { configComment: "config error" });
    await app.deliver("issues", labeledPayload("severity::1"));

    const comments = api
      .writes()
      .filter((request) => request.path === `${REPO}/issues/1/comments`)
      .map((request) => (request.body as { body: string }).body);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatch(
      /^Invalid config in \.github\/sevbot\.yml:\n- `severity\.incidents\.1`/,
    );
    expect(comments[1]).toContain("@org-oncall");
  });
});
