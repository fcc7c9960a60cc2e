import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance } from "../../src/core/closest-word.js";
import { suggestCommand } from "../../src/core/commands/suggest.js";
import { COMMAND_NAMES } from "../../src/core/commands/types.js";
import { renderHelp } from "../../src/core/render/commands.js";

describe("a mistyped command gets a guess at what was meant", () => {
  it.each([
    ["akc", "ack"],
    ["ACk", undefined], // a known command in other case is not a typo (parse lower-cases it)
    ["stauts", "status"],
    ["reslove", "resolve"],
    ["resolv", "resolve"],
    ["handof", "handoff"],
    ["mitigat", "mitigate"],
    ["frobnicate", undefined],
    ["xyz", undefined],
    ["le", undefined],
  ])("/%s → %s", (typed, meant) => {
    expect(suggestCommand(typed)).toBe(meant);
  });

  it("the reply names the guess, with GitLab's prefix on GitLab", () => {
    expect(renderHelp(["akc"])).toMatch(
      /^sevbot does not know `\/akc` \(did you mean `\/ack`\?\)\./,
    );
    expect(renderHelp(["akc"], "gitlab")).toMatch(
      /^sevbot does not know `\/sevbot akc` \(did you mean `\/sevbot ack`\?\)\./,
    );
    expect(renderHelp(["frobnicate"])).toMatch(/^sevbot does not know `\/frobnicate`\. Commands/);
  });

  it("every command one swap, drop or insertion away is guessed back, or another as close", () => {
    const edit = fc.tuple(
      fc.constantFrom(...COMMAND_NAMES),
      fc.nat(),
      fc.constantFrom("swap", "drop", "add"),
    );
    fc.assert(
      fc.property(edit, ([name, at, how]) => {
        const i = at % name.length;
        const typed =
          how === "drop"
            ? name.slice(0, i) + name.slice(i + 1)
            : how === "add"
              ? name.slice(0, i) + "q" + name.slice(i)
              : i + 1 < name.length
                ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2)
                : name;
        const guess = suggestCommand(typed);
        if (typed === name || (COMMAND_NAMES as readonly string[]).includes(typed)) return;
        if (guess === undefined) {
          // Only words under three letters are left unguessed: too little to recognise.
          expect(typed.length).toBeLessThan(3);
          return;
        }
        expect(editDistance(typed, guess)).toBeLessThanOrEqual(editDistance(typed, name));
      }),
      { numRuns: 500 },
    );
  });

  it("the distance is symmetric and zero only for the same word", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });
});
