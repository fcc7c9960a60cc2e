import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createSevbotOctokit } from "../../src/adapters/github/octokit.js";

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("config reads are conditional", () => {
  it("sends the ETag back and reuses the cached file on 304", async () => {
    nock.disableNetConnect();
    const Octokit = createSevbotOctokit({ writeIntervalMs: 0 });
    const octokit = new Octokit({
      auth: "ghs_test",
      retry: { enabled: false },
      throttle: { enabled: false },
    } as ConstructorParameters<typeof Octokit>[0]);
    const path = "/repos/acme/shop/contents/.github%2Fsevbot.yml";
    const scope = nock("https://api.github.com")
      .get(path)
      .reply(200, "oncall: [kim]\n", {
        etag: '"v1"',
        "content-type": "application/vnd.github.raw; charset=utf-8",
      })
      .get(path)
      .matchHeader("if-none-match", '"v1"')
      .reply(304, "");
    const read = () =>
      octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
        owner: "acme",
        repo: "shop",
        path: ".github/sevbot.yml",
        mediaType: { format: "raw" },
      });
    const first = await read();
    const second = await read();
    expect(second.data).toBe(first.data);
    expect(second.data).toBe("oncall: [kim]\n");
    expect(scope.isDone()).toBe(true);
  });
});
