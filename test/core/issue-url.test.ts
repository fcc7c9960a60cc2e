import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { warRoomTopic } from "../../src/core/decide/declare.js";
import { decide } from "../../src/core/decide.js";
import { issueKeyOfUrl, urlsIn } from "../../src/core/issue-url.js";
import { config, labeled, NOW } from "../helpers/builders.js";

describe("an issue's key from its web address", () => {
  it.each([
    ["https://github.com/acme/shop/issues/7", "github:acme/shop#7"],
    ["https://ghe.example.com/acme/shop/issues/12/", "github:acme/shop#12"],
    ["https://gitlab.com/group/sub/project/-/issues/3", "gitlab:group/sub/project#3"],
    ["https://gitlab.example.com/g/p/-/work_items/4", "gitlab:g/p#4"],
    ["https://github.com/acme/shop/pull/7", undefined],
    ["https://github.com/acme/issues/7", undefined],
    ["ftp://github.com/acme/shop/issues/7", undefined],
    ["not a url", undefined],
  ])("%s → %s", (url, key) => {
    expect(issueKeyOfUrl(url)).toBe(key);
  });

  it("reads back the key of every address GitHub and GitLab write", () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/);
    fc.assert(
      fc.property(name, name, fc.array(name, { maxLength: 2 }), fc.nat(99_999), (a, b, sub, n) => {
        const number = n + 1;
        expect(issueKeyOfUrl(`https://github.com/${a}/${b}/issues/${number}`)).toBe(
          `github:${a}/${b}#${number}`,
        );
        const path = [a, ...sub, b].join("/");
        expect(issueKeyOfUrl(`https://gitlab.example/${path}/-/issues/${number}`)).toBe(
          `gitlab:${path}#${number}`,
        );
      }),
    );
  });
});

describe("a war room's topic", () => {
  it("keeps the incident's address whole within Slack's 250 characters, whatever the title", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 600 }), (title) => {
        const incident = decide(undefined, labeled("severity::1"), config(), NOW).incident!;
        const topic = warRoomTopic({ ...incident, title });
        expect(topic.length).toBeLessThanOrEqual(250);
        const urls = urlsIn(topic);
        expect(urls.at(-1)).toBe(incident.url);
        expect(issueKeyOfUrl(urls.at(-1)!)).toBeDefined();
      }),
    );
  });
});
