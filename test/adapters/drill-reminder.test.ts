import { afterEach, describe, expect, it } from "vitest";
import { remindDrillsIn } from "../../src/app/drill-reminder.js";
import { defaultConfig } from "../../src/config/load.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { sandboxForge } from "../helpers/sandbox-forge.js";

let sandbox: Sandbox | undefined;
afterEach(async () => sandbox?.close());

describe("drill reminder issue (scheduler)", () => {
  it("opens one reminder in a tracker with incident logs and no recent drill, never two", async () => {
    sandbox = await startSandbox({ webhookSecret: "s" });
    sandbox.createRepo("acme/tracker");
    sandbox.createRepo("acme/quiet");
    await sandbox.openIssue("acme/tracker", {
      as: "sevbot[bot]",
      title: "[SEV-1] x",
      body: "<!-- sevbot:log-for github:acme/shop#1 -->",
      labels: ["incident-log"],
    });
    const forge = sandboxForge(sandbox);
    const now = new Date("2026-11-22T12:00:00Z");
    expect(await remindDrillsIn(forge, "acme/tracker", defaultConfig(), now)).toBe(true);
    expect(await remindDrillsIn(forge, "acme/tracker", defaultConfig(), now)).toBe(false);
    expect(await remindDrillsIn(forge, "acme/quiet", defaultConfig(), now)).toBe(false);
    const reminders = sandbox
      .issues("acme/tracker")
      .filter((issue) => issue.title === "Time for a tabletop drill");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.labels.map((label) => label.name)).toEqual(["drill-reminder"]);
    expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });
});
