import { afterEach, describe, expect, it } from "vitest";
import { remindOverdueIn } from "../../src/app/overdue-reminders.js";
import { defaultConfig } from "../../src/config/load.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { sandboxForge } from "../helpers/sandbox-forge.js";

let sandbox: Sandbox | undefined;
afterEach(async () => sandbox?.close());

describe("post-mortem and follow-up reminders (scheduler)", () => {
  it("reminds once about a post-mortem past due and a long-open follow-up, not about others", async () => {
    // The sandbox stamps issues with the real time, so "now" is three weeks after it.
    const now = new Date(Date.now() + 21 * 86_400_000);
    const day = (offset: number) =>
      new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    sandbox = await startSandbox({ webhookSecret: "s" });
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", {
      as: "sevbot[bot]",
      title: "Post-mortem: late",
      body: `**Due:** ${day(-5)} · x`,
      labels: ["post-mortem"],
    });
    await sandbox.openIssue("acme/shop", {
      as: "sevbot[bot]",
      title: "Post-mortem: on time",
      body: `**Due:** ${day(10)} · x`,
      labels: ["post-mortem"],
    });
    await sandbox.openIssue("acme/shop", {
      as: "sevbot[bot]",
      title: "Follow-up: old",
      body: "x",
      labels: ["incident-follow-up"],
    });
    const forge = sandboxForge(sandbox);
    expect(await remindOverdueIn(forge, "acme/shop", defaultConfig(), now)).toBe(2);
    expect(await remindOverdueIn(forge, "acme/shop", defaultConfig(), now)).toBe(0);
    expect(sandbox.comments("acme/shop", 1)[0]!.body).toContain(`was due on ${day(-5)}`);
    expect(sandbox.comments("acme/shop", 2)).toEqual([]);
    expect(sandbox.comments("acme/shop", 3)[0]!.body).toMatch(
      /follow-up has been open for 2\d days/,
    );
  });
});
