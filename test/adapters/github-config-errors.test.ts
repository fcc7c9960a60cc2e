import nock from "nock";
import { describe, expect, it } from "vitest";
import { API, type GithubApi } from "../helpers/github-api.js";
import { eachTestWithGithub, type TestApp } from "../helpers/github-app.js";
import { EXAMPLE_REPO, labeledPayload } from "../helpers/github-examples.js";
import { botComment, botIssue, sev1DeclarationReplies } from "../helpers/github-replies.js";

const REPO = `/repos/${EXAMPLE_REPO}`;
const OWN_FILE = (uri: string) =>
  uri.startsWith(`${REPO}/contents/`) && /\.github(%2F|\/)sevbot\.yml$/.test(uri);
const ORG_FILE = (uri: string) =>
  uri.startsWith("/repos/Codertocat/.github/contents/") && /sevbot\.yml$/.test(uri);
const RAW = { "content-type": "application/vnd.github.raw; charset=utf-8" };
const WAIT_MS = 1_500;

let api: GithubApi;
let app: TestApp;
eachTestWithGithub((pair) => ({ api, app } = pair), undefined, { configWaitMs: WAIT_MS });

const sourceComments = () =>
  api
    .writes()
    .filter((request) => request.path === `${REPO}/issues/1/comments`)
    .map((request) => (request.body as { body: string }).body);

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

describe("GitHub: a config mistake never holds up a Sev-1", () => {
  it("YAML Probot's loader cannot parse: declared at once on the defaults, one comment with the line and column", async () => {
    api.token();
    api.reply("GET", OWN_FILE, 200, "oncall: [kim\ncomponents: {}\n", RAW);
    sev1DeclarationReplies(api, { configComment: "config" });
    await app.deliver("issues", labeledPayload("severity::1"));

    // Read once: a parse error is not waited out or retried like an outage.
    expect(api.requests.filter((request) => OWN_FILE(request.path))).toHaveLength(1);
    const [error, checklist] = sourceComments();
    expect(error).toMatch(
      /^Invalid config in \.github\/sevbot\.yml:\n- \(YAML\) line \d+, column \d+: \S/,
    );
    expect(error).toContain("built-in defaults for every setting");
    expect(checklist).toContain("Sev-1 incident declared");
    expect(app.logs.filter((line) => line.includes("will retry"))).toEqual([]);
  });

  it("a broken file reached through `_extends` is named as that repository's file", async () => {
    api.token();
    api.reply("GET", OWN_FILE, 200, "_extends: .github\n", RAW);
    api.reply("GET", ORG_FILE, 200, "oncall:\n  - kim\n lee: 1\n", RAW);
    sev1DeclarationReplies(api, { configComment: "config" });
    await app.deliver("issues", labeledPayload("severity::1"));

    expect(sourceComments()[0]).toMatch(
      /^Invalid config in Codertocat\/\.github:\.github\/sevbot\.yml:\n- \(YAML\) line 3, column \d+:/,
    );
  });

  it("an unknown rotation timezone: declared with the rest of the config, the timezone named in one comment", async () => {
    api.token();
    api.reply(
      "GET",
      OWN_FILE,
      200,
      "oncall: [kim]\nrotations:\n  - name: emea\n    members: [ana]\n    timezone: Europe/Pariss\n    startDate: 2026-01-05\n",
      RAW,
    );
    sev1DeclarationReplies(api, { configComment: "config" });
    await app.deliver("issues", labeledPayload("severity::1"));

    const [error, checklist] = sourceComments();
    expect(error).toContain("`rotations.0.timezone`: must be an IANA timezone");
    expect(error).not.toContain("startDate");
    expect(checklist).toContain("@kim");
  });

  it("a config the forge cannot serve (503) is waited for at most the budget; its owners come with one comment once it can be read", async () => {
    let outage = true;
    let configReads = 0;
    nock(API)
      .persist()
      .get(OWN_FILE)
      .reply(() => {
        configReads++;
        return outage
          ? [503, { message: "Service Unavailable" }]
          : [200, "oncall: [kim]\ncomponents:\n  fallbackOwners: [sre-lead]\n", RAW];
      });
    api.token();
    sev1DeclarationReplies(api, { configComment: "config" });
    const took = await timed(() => app.deliver("issues", labeledPayload("severity::1")));

    expect(took).toBeGreaterThanOrEqual(WAIT_MS - 50);
    expect(took).toBeLessThan(WAIT_MS + 3_000); // the wait, then the declaration's requests
    expect(configReads).toBeGreaterThan(1);
    const [unreadable, checklist] = sourceComments();
    expect(unreadable).toMatch(/^Could not read \.github\/sevbot\.yml \(.*503.*\): sevbot went on/);
    expect(checklist).toContain("Sev-1 incident declared");
    expect(checklist).not.toContain("@kim");
    const log = api.writes().find((request) => request.path === `${REPO}/issues`)!.body as {
      body: string;
    };
    expect(log.body).toContain('"provisionalConfig":true');

    // The forge is back: the next event on the issue reads the config and applies it once.
    outage = false;
    api.reply("GET", `${REPO}/issues/1/comments?per_page=100`, 200, [
      botComment(500, unreadable!),
      botComment(501, checklist!),
    ]);
    api.reply("GET", `${REPO}/issues/2`, 200, botIssue(2, log.body, { labels: ["incident-log"] }));
    api.reply("POST", `${REPO}/issues/1/comments`, 201, botComment(502, "arrived"));
    api.reply("PATCH", `${REPO}/issues/2`, 200, botIssue(2, "x", { labels: ["incident-log"] }));
    await app.deliver(
      "issues",
      labeledPayload("severity::1", { labels: ["severity::1", "incident::active"] }),
    );

    const arrived = sourceComments()[2]!;
    expect(sourceComments()).toHaveLength(3);
    expect(arrived).toContain("config can be read now");
    expect(arrived).toContain("@sre-lead @kim");
    const saved = api.writes().find((request) => request.method === "PATCH")!.body as {
      body: string;
    };
    expect(saved.body).not.toContain("provisionalConfig");
    expect(saved.body).toContain("Config read after the declaration: engaged sre-lead, kim");
  });
});
