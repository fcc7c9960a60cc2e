import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForDrained } from "../../src/scenario/settle.js";
import { configFileOf, startStack, type Stack } from "./harness.js";

const SOURCE = "acme/shop";

/**
 * The built server against the sandbox. A hand-over to someone who could not accept it (read
 * access only) used to be offered, and then waited out the hand-over timeout: it is refused at
 * once with what is missing, and a hand-over to someone who can act is still offered.
 */
describe.each(["github", "gitlab"] as const)("/handoff and /lead by access, on %s", (platform) => {
  let stack: Stack;
  let number: number;
  const command = (text: string) => (platform === "gitlab" ? `/sevbot ${text}` : `/${text}`);
  const comments = () =>
    stack.sandbox.comments(SOURCE, number).map((comment) => comment.body ?? "");
  const say = async (text: string) => {
    const before = comments().length;
    await stack.sandbox.comment(SOURCE, number, command(text), { as: "dana" });
    await waitForDrained(stack.sandbox, stack.server.url);
    return comments().slice(before + 1);
  };

  beforeAll(async () => {
    stack = await startStack(platform === "gitlab" ? { platform } : {});
    stack.sandbox.createRepo(SOURCE, {
      collaborators: { dana: "write", lee: "write", rita: "read" },
      files: { [configFileOf(platform)]: "oncall: [lee]\n" },
    });
    number = await stack.sandbox.openIssue(SOURCE, { as: "dana", title: "Checkout down" });
    await stack.sandbox.addLabels(SOURCE, number, ["severity::1"], { as: "dana" });
    await waitForDrained(stack.sandbox, stack.server.url);
    await say("ack");
  }, 60_000);

  afterAll(async () => stack?.stop());

  it("refuses a hand-over to someone with read access, saying what they lack", async () => {
    const replies = await say("handoff @rita");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(
      `Not done: rita has read access to acme/shop and could not accept with \`${command("ack")}\`, which needs write.`,
    );
    expect(stack.sandbox.issue(SOURCE, number).body ?? "").not.toContain("rita");
  });

  it("refuses /lead for someone with read access", async () => {
    const replies = await say("lead @rita");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(`could not post \`${command("status")}\` as Incident Lead`);
  });

  it("still offers a hand-over to someone with write access", async () => {
    const replies = await say("handoff @lee");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("@lee");
    expect(replies[0]).not.toContain("Not done");
  });
});
