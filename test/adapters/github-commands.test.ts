import { describe, expect, it } from "vitest";
import { decide } from "../../src/core/decide.js";
import { renderLogIssueBody } from "../../src/core/render/log-issue.js";
import { defaultConfig } from "../../src/config/load.js";
import type { GithubApi } from "../helpers/github-api.js";
import { eachTestWithGithub, type TestApp } from "../helpers/github-app.js";
import { commentPayload, EXAMPLE_REPO, privateRepo } from "../helpers/github-examples.js";

const REPO = `/repos/${EXAMPLE_REPO}`;
const CONFIG = /\/contents\//;
let api: GithubApi;
let app: TestApp;
eachTestWithGithub((pair) => ({ api, app } = pair));

/** An existing Sev-1 on issue #1 with its log issue #2, as sevbot would have left them. */
function existingIncident() {
  const { incident } = decide(
    undefined,
    {
      kind: "issue-labeled",
      issue: {
        ref: { platform: "github", repo: EXAMPLE_REPO, number: 1 },
        title: "Spelling error in the README file",
        body: "",
        labels: ["severity::1"],
        state: "open",
        author: "Codertocat",
        url: "",
        confidential: false,
      },
      actor: { login: "dana", isBot: false },
      label: "severity::1",
    },
    defaultConfig(),
    new Date("2026-11-22T13:50:00Z"),
  );
  const checklist = {
    id: 501,
    body: "checklist\n<!-- sevbot:checklist -->\n<!-- sevbot:log-ref github:Codertocat/Hello-World#2 -->",
    user: { login: "sevbot[bot]", type: "Bot" },
  };
  const log = {
    number: 2,
    title: "[SEV-1] Spelling error in the README file",
    body: renderLogIssueBody(incident!, EXAMPLE_REPO),
    state: "open",
    html_url: "",
    labels: [{ name: "incident-log" }],
    user: { login: "sevbot[bot]", type: "Bot" },
  };
  api.token();
  api.reply("GET", (uri: string) => CONFIG.test(uri), 404, { message: "Not Found" });
  api.reply("GET", (uri: string) => CONFIG.test(uri), 404, { message: "Not Found" });
  api.reply("GET", `${REPO}/issues/1/comments?per_page=100`, 200, [checklist]);
  api.reply("GET", `${REPO}/issues/2`, 200, log);
}

function permission(user: string, level: string) {
  api.reply("GET", `${REPO}/collaborators/${user}/permission`, 200, {
    permission: level,
    role_name: level,
    user: { login: user },
  });
}

function replies(): string[] {
  return api
    .writes()
    .filter((request) => request.path.endsWith("/comments"))
    .map((request) => (request.body as { body: string }).body);
}

describe("GitHub: command permissions (checked through the API, not author_association)", () => {
  it("a read-only collaborator is refused with one reply and nothing changes", async () => {
    existingIncident();
    permission("reader", "read");
    api.reply("POST", `${REPO}/issues/1/comments`, 201, {
      id: 600,
      body: "",
      user: { login: "sevbot[bot]", type: "Bot" },
    });
    api.reply("PATCH", `${REPO}/issues/2`, 200, {});
    await app.deliver("issue_comment", commentPayload("/ack", "reader"));
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toMatch(/`\/ack` needs write access; reader has read/);
    expect(api.writes().filter((request) => request.path.includes("/labels"))).toEqual([]);
    const log = api.writes().find((request) => request.method === "PATCH")!.body as {
      body: string;
    };
    expect(log.body).toMatch(/\| Status \| declared \|/);
  });

  it("any user on a public repository (the API says read) is refused", async () => {
    existingIncident();
    permission("passer-by", "read");
    api.reply("POST", `${REPO}/issues/1/comments`, 201, {
      id: 600,
      body: "",
      user: { login: "sevbot[bot]", type: "Bot" },
    });
    api.reply("PATCH", `${REPO}/issues/2`, 200, {});
    await app.deliver("issue_comment", commentPayload("/resolve root cause unknown", "passer-by"));
    expect(replies()[0]).toMatch(/needs write access; passer-by has read/);
    expect(
      api
        .writes()
        .some((request) => request.path === `${REPO}/issues` && request.method === "POST"),
    ).toBe(false);
  });

  it("a private-repository org member with write acknowledges: reply, label swap, log updated", async () => {
    existingIncident();
    permission("org-dev", "write");
    api.reply("POST", `${REPO}/issues/1/comments`, 201, {
      id: 600,
      body: "",
      user: { login: "sevbot[bot]", type: "Bot" },
    });
    for (const label of [
      "incident%3A%3Aactive",
      "incident%3A%3Amitigated",
      "incident%3A%3Aresolved",
    ])
      api.reply("DELETE", `${REPO}/issues/1/labels/${label}`, 404, {
        message: "Label does not exist",
      });
    api.reply("POST", `${REPO}/issues/1/labels`, 200, []);
    api.reply("PATCH", `${REPO}/issues/2`, 200, {});
    await app.deliver(
      "issue_comment",
      privateRepo(commentPayload("/ack", "org-dev", { labels: ["severity::1"] })),
    );
    expect(replies()[0]).toMatch(/Acknowledged by org-dev/);
    const log = api.writes().find((request) => request.method === "PATCH")!.body as {
      body: string;
    };
    expect(log.body).toMatch(/\| Status \| acknowledged \|/);
    expect(log.body).toMatch(/\| Incident Lead \| org-dev \|/);
  });

  it("the bot itself: its own comments are ignored without a request", async () => {
    await app.deliver("issue_comment", commentPayload("/ack\n<!-- sevbot:ack -->", "sevbot[bot]"));
    expect(api.requests).toEqual([]);
  });

  it("a command on the log issue acts on the source issue's incident", async () => {
    existingIncident();
    permission("org-dev", "write");
    api.reply("GET", `${REPO}/issues/1`, 200, {
      number: 1,
      title: "Spelling error in the README file",
      body: "",
      state: "open",
      html_url: "",
      labels: [{ name: "severity::1" }],
      user: { login: "Codertocat" },
    });
    api.reply("PATCH", `${REPO}/issues/2`, 200, {});
    const onLog = commentPayload("/status failover done", "org-dev", {
      body: "log\n<!-- sevbot:log-for github:Codertocat/Hello-World#1 -->",
    });
    onLog.issue.number = 2;
    await app.deliver("issue_comment", onLog);
    const saved = (
      api.writes().find((request) => request.method === "PATCH")!.body as { body: string }
    ).body;
    expect(saved).toContain("Status: failover done");
  });

  it("a repeated command delivery (new delivery id) changes nothing twice", async () => {
    existingIncident();
    permission("org-dev", "write");
    api.reply("PATCH", `${REPO}/issues/2`, 200, {});
    const payload = commentPayload("/status rolling back", "org-dev");
    await app.deliver("issue_comment", payload, "first");
    const saved = (
      api.writes().find((request) => request.method === "PATCH")!.body as { body: string }
    ).body;
    api.reply("GET", `${REPO}/issues/1/comments?per_page=100`, 200, [
      {
        id: 501,
        body: "checklist\n<!-- sevbot:checklist -->\n<!-- sevbot:log-ref github:Codertocat/Hello-World#2 -->",
        user: { login: "sevbot[bot]", type: "Bot" },
      },
    ]);
    api.reply("GET", `${REPO}/issues/2`, 200, {
      number: 2,
      title: "[SEV-1] Spelling error in the README file",
      body: saved,
      state: "open",
      html_url: "",
      labels: [],
      user: null,
    });
    const writes = api.writes().length;
    await app.deliver("issue_comment", payload, "second");
    expect(api.writes().length).toBe(writes);
    expect(saved.split("<!-- sevbot:state")[0]!.match(/Status: rolling back/g)).toHaveLength(1);
  });
});
