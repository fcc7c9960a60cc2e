import { describe, expect, it } from "vitest";
import type { GithubApi } from "../helpers/github-api.js";
import { eachTestWithGithub, type TestApp } from "../helpers/github-app.js";
import {
  commentPayload,
  labeledPayload,
  onPullRequest,
  openedPayload,
} from "../helpers/github-examples.js";

let api: GithubApi;
let app: TestApp;
eachTestWithGithub(
  (pair) => ({ api, app } = pair),
  "requests nobody mocked: a pull-request event was acted on",
);

describe("GitHub: events about pull requests are not incidents", () => {
  it.each([
    ["issues", "labeled with severity::1", () => onPullRequest(labeledPayload("severity::1"))],
    [
      "issues",
      "opened with severity::1",
      () => onPullRequest(openedPayload({ labels: ["severity::1"] })),
    ],
    [
      "issue_comment",
      "/ack on a pull request",
      () =>
        onPullRequest(
          commentPayload("/ack\n/resolve root cause unknown", "Codertocat", {
            labels: ["severity::1", "incident::active"],
          }),
        ),
    ],
    ["issue_comment", "/help on a pull request", () => onPullRequest(commentPayload("/help"))],
  ] as const)("%s %s: not a single request, nothing queued", async (name, _what, payload) => {
    const delivered = payload();
    expect(delivered.issue.pull_request).toBeTruthy();
    await app.deliver(name, delivered);
    expect(api.requests).toEqual([]);
    expect(app.logs.filter((line) => line.startsWith("error") || line.startsWith("warn"))).toEqual(
      [],
    );
  });
});
