import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runAction } from "../../src/action/run.js";
import { runTick } from "../../src/cli/tick.js";

const dir = mkdtempSync(join(tmpdir(), "sevbot-action-run-"));
const event = join(dir, "event.json");
writeFileSync(event, "{}");
const RUNNER = {
  GITHUB_EVENT_NAME: "schedule",
  GITHUB_EVENT_PATH: event,
  GITHUB_REPOSITORY: "acme/shop",
  GITHUB_API_URL: "http://127.0.0.1:9",
  "INPUT_GITHUB-TOKEN": "ghs_x",
};

/** Bad input never ends in a stack trace: one line that says what is wrong, and exit code 1. */
describe("the Action and sevbot tick with bad input", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the Action: a clock file that is not there", async () => {
    const lines: string[] = [];
    const code = await runAction({ ...RUNNER, SEVBOT_CLOCK_FILE: join(dir, "missing") }, (line) =>
      lines.push(line),
    );
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^::error::sevbot: SEVBOT_CLOCK_FILE .* must hold an ISO instant/),
    ]);
  });

  it("the Action: an event file that is not JSON", async () => {
    writeFileSync(join(dir, "bad.json"), "{");
    const lines: string[] = [];
    const code = await runAction({ ...RUNNER, GITHUB_EVENT_PATH: join(dir, "bad.json") }, (line) =>
      lines.push(line),
    );
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^::error::sevbot: cannot read the event payload .*bad\.json/);
  });

  it("sevbot tick: a clock file that is not there, a bad notifier URL", async () => {
    const args = ["acme/shop", "--api", "http://127.0.0.1:9", "--token", "t"];
    const none = () => undefined;
    await expect(
      runTick(args, { SEVBOT_CLOCK_FILE: join(dir, "missing") }, none, none),
    ).rejects.toThrow(/SEVBOT_CLOCK_FILE .* must hold an ISO instant/);
    await expect(runTick(args, { SLACK_WEBHOOK_URL: "not a url" }, none, none)).rejects.toThrow(
      /Invalid environment:\n- SLACK_WEBHOOK_URL/,
    );
  });
});
