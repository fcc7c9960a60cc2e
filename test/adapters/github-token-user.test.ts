import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGithubForge } from "../../src/adapters/github/forge.js";
import { tokenOctokit } from "../../src/adapters/github/token-octokit.js";
import { tokenUserLogin, trustingCommentsBy } from "../../src/adapters/github/token-user.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";

/** `sevbot tick` with a person's token writes as that person; its markers must still count. */
describe("a personal token's own comments are sevbot's", () => {
  let sandbox: Sandbox;
  const client = (token: string) =>
    tokenOctokit({ token, baseUrl: sandbox.apiUrl, writeIntervalMs: 0 });
  const ref = { platform: "github" as const, repo: "acme/shop", number: 1 };

  beforeAll(async () => {
    sandbox = await startSandbox({ webhookSecret: "s" });
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", { as: "dana", title: "Down" });
    await sandbox.comment("acme/shop", 1, "reminder <!-- sevbot:k -->", { as: "opsbot" });
    await sandbox.comment("acme/shop", 1, "copied <!-- sevbot:k -->", { as: "mallory" });
  });
  afterAll(async () => sandbox?.close());

  it("GET /user names the token's person; an App's token has none", async () => {
    expect(await tokenUserLogin(client("user-opsbot"))).toBe("opsbot");
    expect(await tokenUserLogin(client("ghs_installation"))).toBeUndefined();
  });

  it("only that person's comments are trusted, nobody else's", async () => {
    const octokit = client("user-opsbot");
    const forge = trustingCommentsBy(createGithubForge(octokit), await tokenUserLogin(octokit));
    const comments = await forge.listComments(ref);
    expect(comments.map((comment) => [comment.author, comment.byBot])).toEqual([
      ["opsbot", true],
      ["mallory", false],
    ]);
    const plain = await createGithubForge(octokit).listComments(ref);
    expect(plain.every((comment) => !comment.byBot)).toBe(true);
    expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });
});
