import { describe, expect, it } from "vitest";
import { mentionAll, neutralizeMentions } from "../../src/core/mentions.js";

/** The pattern GitHub and GitLab use to find mentions: @ then a name character. */
const PINGS = /(^|[^\w`])@[A-Za-z0-9]/;

describe("neutralizeMentions", () => {
  it.each(["@alice", "cc @alice and @bob", "@org/team please", "hi @all", "(@here)", "@Dana-x"])(
    "%s pings no one",
    (text) => {
      expect(PINGS.test(text)).toBe(true);
      expect(PINGS.test(neutralizeMentions(text))).toBe(false);
    },
  );

  it("keeps the text readable", () => {
    expect(neutralizeMentions("cc @alice").replace(/\u2060/g, "")).toBe("cc @alice");
  });

  it("leaves e-mail-like text and lone @ alone enough to read", () => {
    expect(neutralizeMentions("a @ b")).toBe("a @ b");
  });
});

describe("mentionAll", () => {
  it("mentions configured people once each", () => {
    expect(mentionAll(["alice", "@alice", "org/sre"])).toBe("@alice @org/sre");
  });
});
