import { describe, expect, it } from "vitest";
import type { GithubApi } from "../helpers/github-api.js";
import { eachTestWithGithub, type TestApp } from "../helpers/github-app.js";
import { botSender, EXAMPLE_REPO, labeledPayload } from "../helpers/github-examples.js";
import { botComment, botIssue, sev1DeclarationReplies } from "../helpers/github-replies.js";

const REPO = `/repos/${EXAMPLE_REPO}`;
const CONFIG_PATH = /\/contents\/\.github(%2F|\/)sevbot\.yml/;
const ORG_CONFIG = /^\/repos\/Codertocat\/\.github\/contents\//;

let api: GithubApi;
let app: TestApp;
eachTestWithGithub((pair) => ({ api, app } = pair));

function noConfig() {
  api.reply("GET", (uri: string) => CONFIG_PATH.test(uri) && uri.startsWith(REPO), 404, {
    message: "Not Found",
  });
  api.reply("GET", (uri: string) => ORG_CONFIG.test(uri), 404, { message: "Not Found" });
}

function configFile(yaml: string) {
  api.reply("GET", (uri: string) => CONFIG_PATH.test(uri) && uri.startsWith(REPO), 200, yaml, {
    "content-type": "application/vnd.github.raw; charset=utf-8",
  });
}

/** The similar-incident search: one listing of the newest log issues, open and closed. */
const LOG_LISTING = `${REPO}/issues?labels=incident-log&state=all&sort=created&direction=desc&per_page=100`;

describe("GitHub: declaring an incident", () => {
  it("a severity::1 label costs 6 forge requests once config is cached: checklist, log issue, status label, one similar-incident read", async () => {
    api.token();
    noConfig();
    sev1DeclarationReplies(api);
    await app.deliver("issues", labeledPayload("severity::1", { title: "Checkout is down" }));

    const writes = api.writes().filter((request) => !request.path.includes("access_tokens"));
    const log = writes.find((request) => request.path === `${REPO}/issues`)!.body as {
      title: string;
      body: string;
      labels: string[];
    };
    expect(log.title).toBe("[SEV-1] Checkout is down");
    expect(log.labels).toEqual(["incident-log"]);
    expect(log.body).toContain("<!-- sevbot:log-for github:Codertocat/Hello-World#1 -->");
    expect(log.body).toMatch(/<!-- sevbot:state v1\n/);
    const checklist = writes.find((request) => request.path.endsWith("/issues/1/comments"))!
      .body as { body: string };
    expect(checklist.body).toContain("Sev-1 incident declared");
    expect(checklist.body).toContain("**Incident log:** #2");
    expect(checklist.body).toContain("<!-- sevbot:checklist -->");
    expect(checklist.body).toContain("<!-- sevbot:log-ref github:Codertocat/Hello-World#2 -->");
    expect(writes.find((request) => request.path.endsWith("/labels"))!.body).toEqual({
      labels: ["incident::active"],
    });
    const incidentRequests = api.requests.filter(
      (request) => !request.path.includes("access_tokens") && !request.path.includes("/contents/"),
    );
    expect(incidentRequests).toHaveLength(6);
    // The search comes last: the checklist never waits for it; with no past incident, nothing is posted.
    expect(incidentRequests.at(-1)).toMatchObject({ method: "GET", path: LOG_LISTING });
    expect(api.writes().filter((request) => request.path.endsWith("/comments"))).toHaveLength(1);
  });

  it("redelivery: the same delivery twice declares once", async () => {
    api.token();
    noConfig();
    sev1DeclarationReplies(api);
    const payload = labeledPayload("severity::1");
    await app.deliver("issues", payload, "same-id");
    await app.deliver("issues", payload, "same-id");
    expect(api.writes().filter((request) => request.path.endsWith("/comments"))).toHaveLength(1);
  });

  it("concurrent duplicate delivery: the same delivery twice at once declares once", async () => {
    api.token();
    noConfig();
    sev1DeclarationReplies(api);
    const payload = labeledPayload("severity::1");
    await Promise.all([
      app.deliver("issues", payload, "dup-id"),
      app.deliver("issues", payload, "dup-id"),
    ]);
    expect(api.writes().filter((request) => request.path === `${REPO}/issues`)).toHaveLength(1);
  });

  it("label re-added: removing and adding severity::1 again adds nothing", async () => {
    api.token();
    noConfig();
    sev1DeclarationReplies(api);
    await app.deliver("issues", labeledPayload("severity::1"));
    const logBody = (
      api.writes().find((request) => request.path === `${REPO}/issues`)!.body as { body: string }
    ).body;
    const checklistBody = (
      api.writes().find((request) => request.path.endsWith("/issues/1/comments"))!.body as {
        body: string;
      }
    ).body;

    api.reply("GET", `${REPO}/issues/1/comments?per_page=100`, 200, [
      botComment(501, checklistBody),
    ]);
    api.reply(
      "GET",
      `${REPO}/issues/2`,
      200,
      botIssue(2, logBody, {
        title: "[SEV-1] Spelling error in the README file",
        labels: ["incident-log"],
      }),
    );
    const writesBefore = api.writes().length;
    await app.deliver(
      "issues",
      labeledPayload("severity::1", { labels: ["severity::1", "incident::active"] }),
    );
    expect(api.writes().length).toBe(writesBefore);
  });

  it("events sent by bots are ignored without a single request", async () => {
    await app.deliver("issues", botSender(labeledPayload("severity::1")));
    expect(api.requests).toEqual([]);
  });

  it("labels that are not severities cost no incident requests", async () => {
    api.token();
    noConfig();
    await app.deliver("issues", labeledPayload("bug"));
    expect(
      api.requests.filter(
        (request) =>
          !request.path.includes("/contents/") && !request.path.includes("access_tokens"),
      ),
    ).toEqual([]);
  });

  it("invalid config: one comment naming every bad path, and the incident is declared with defaults", async () => {
    api.token();
    configFile(
      "oncall: [kim]\nseverity:\n  incidents: [1, 9]\ntracker:\n  repository: not a repo\n",
    );
    sev1DeclarationReplies(api, { configComment: "config error" });
    await app.deliver("issues", labeledPayload("severity::1"));

    const comments = api
      .writes()
      .filter((request) => request.path.endsWith("/issues/1/comments"))
      .map((request) => (request.body as { body: string }).body);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatch(/^Invalid config in \.github\/sevbot\.yml:\n/);
    expect(comments[0]).toContain("`severity.incidents.1`");
    expect(comments[0]).toContain("`tracker.repository`");
    expect(comments[1]).toContain("Sev-1 incident declared");
    expect(comments[1]).toContain("@kim");
  });

  it("a config read that fails with 500 is retried: the incident is declared with the repository's config, not the defaults", async () => {
    api.token();
    api.reply("GET", (uri: string) => CONFIG_PATH.test(uri) && uri.startsWith(REPO), 500, {
      message: "Server Error",
    });
    configFile("oncall: [kim]\n");
    sev1DeclarationReplies(api);
    await app.deliver("issues", labeledPayload("severity::1"));

    const comments = api
      .writes()
      .filter((request) => request.path.endsWith("/issues/1/comments"))
      .map((request) => (request.body as { body: string }).body);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("Sev-1 incident declared");
    expect(comments[0]).toContain("@kim");
    expect(comments[0]).not.toMatch(/Invalid config/);
  });

  it("mention neutralisation: names in the report's title and text ping nobody", async () => {
    api.token();
    noConfig();
    sev1DeclarationReplies(api);
    await app.deliver(
      "issues",
      labeledPayload("severity::1", {
        title: "@octocat broke prod, ask @github/security",
        body: "GET /login?as=@admin HTTP/1.1\nERROR @root denied",
      }),
    );
    const texts = api.writes().map((request) => JSON.stringify(request.body));
    for (const text of texts) expect(text).not.toMatch(/(^|[^\w`\\])@(octocat|github|admin|root)/);
  });
});

describe("GitHub: a corrupt state block", () => {
  it("is rebuilt from what is visible, with a timeline note, and the event still handled", async () => {
    api.token();
    noConfig();
    const checklist = botComment(
      501,
      "## checklist\n<!-- sevbot:checklist -->\n<!-- sevbot:log-ref github:Codertocat/Hello-World#2 -->",
    );
    const brokenLog =
      '## Sev-2: old\n<!-- sevbot:log-for github:Codertocat/Hello-World#1 -->\n<!-- sevbot:state v1\n{"severity": "very bad"\n-->';
    api.reply("GET", `${REPO}/issues/1/comments?per_page=100`, 200, [checklist]);
    api.reply(
      "GET",
      `${REPO}/issues/2`,
      200,
      botIssue(2, brokenLog, {
        title: "[SEV-2] Spelling error in the README file",
        labels: ["incident-log"],
      }),
    );
    api.reply("POST", `${REPO}/issues/1/comments`, 201, botComment(502, "raised"));
    api.reply("DELETE", `${REPO}/issues/1/labels/severity%3A%3A2`, 200, []);
    api.reply("PATCH", `${REPO}/issues/2`, 200, botIssue(2, "x"));
    await app.deliver(
      "issues",
      labeledPayload("severity::1", { labels: ["severity::2", "severity::1", "incident::active"] }),
    );

    const patch = api.writes().find((request) => request.method === "PATCH")!.body as {
      title: string;
      body: string;
    };
    expect(patch.title).toBe("[SEV-1] Spelling error in the README file");
    expect(patch.body).toMatch(
      /could not read its state block \(the state block is not valid JSON/,
    );
    expect(patch.body).toMatch(/Severity raised by Codertocat: Sev-2 → Sev-1/);
    expect(patch.body).toMatch(/<!-- sevbot:state v1\n/);
    expect(app.logs.filter((line) => line.startsWith("error"))).toEqual([]);
  });
});
