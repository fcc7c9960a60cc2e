import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withGitlabCommands } from "../../src/adapters/gitlab/command-prefix.js";
import { COMMAND_NAMES } from "../../src/core/commands/types.js";

describe("commands quoted in a GitLab comment are written /sevbot <command>", () => {
  it.each([
    ["Reply `/ack`.", "Reply `/sevbot ack`."],
    ["Usage: `/sev 1` to `/sev 4`", "Usage: `/sevbot sev 1` to `/sevbot sev 4`"],
    ["Usage: `/status <what is happening now>`", "Usage: `/sevbot status <what is happening now>`"],
    [
      "`/mitigated [summary]` and `/mitigate`",
      "`/sevbot mitigated [summary]` and `/sevbot mitigate`",
    ],
    ["Not done: `/resolve` needs write access", "Not done: `/sevbot resolve` needs write access"],
  ])("%s", (core, gitlab) => {
    expect(withGitlabCommands(core)).toBe(gitlab);
  });

  it.each([
    "already `/sevbot ack`", // the help text is written for GitLab already
    "a path `/api/items` and GET /status", // not commands: not quoted, or not a command
    "`/acknowledge` is not `/ack`-like", // a longer word is not the command
  ])("leaves %s alone", (text) => {
    const once = withGitlabCommands(text);
    expect(withGitlabCommands(once)).toBe(once);
    expect(once.includes("`/sevbot sevbot")).toBe(false);
  });

  it("is idempotent and touches only quoted commands, whatever the text", () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(...COMMAND_NAMES).map((name) => `\`/${name}\``),
      fc.constantFrom(...COMMAND_NAMES).map((name) => `\`/${name} x\``),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join(" ");
        const once = withGitlabCommands(text);
        expect(withGitlabCommands(once)).toBe(once);
        expect(once.replaceAll("`/sevbot ", "`/")).toBe(text.replaceAll("`/sevbot ", "`/"));
      }),
    );
  });
});
