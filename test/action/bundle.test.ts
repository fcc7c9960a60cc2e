import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTION_BUNDLE, bundleAction } from "../../scripts/build-action.mjs";

const ROOT = new URL("../../", import.meta.url);

/** As GitHub's TypeScript action template checks its dist: the committed bundle is the source's. */
describe("the Action's committed bundle", () => {
  it("action.yml runs the bundle, and the bundle is what npm run build:action makes of src/ now", async () => {
    expect(readFileSync(new URL("action.yml", ROOT), "utf8")).toContain(`main: ${ACTION_BUNDLE}\n`);
    const committed = readFileSync(new URL(ACTION_BUNDLE, ROOT), "utf8");
    const built = await bundleAction({ write: false });
    expect(built, "the bundle is built the same way twice").toBe(
      await bundleAction({ write: false }),
    );
    // Not a 2.5 MB diff: the command that fixes it.
    expect(
      built === committed,
      `${ACTION_BUNDLE} is stale: run \`npm run build:action\` and commit the result`,
    ).toBe(true);
  }, 60_000);
});
