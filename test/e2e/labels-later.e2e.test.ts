import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForDrained } from "../../src/scenario/settle.js";
import { configFileOf, startStack, type Stack } from "./harness.js";

const SOURCE = "acme/shop";
const CONFIG = "oncall: [lee]\ncomponents:\n  owners:\n    payments: [ana]\n";

/**
 * The built server against the sandbox. Triage names the component after the Sev-1 was
 * declared: its owners are pinged then, once, and a mistyped component is said with the one
 * meant, instead of nothing at all. A removed severity label is said too: the paging goes on.
 */
describe.each(["github", "gitlab"] as const)(
  "labels changed on a running incident, on %s",
  (platform) => {
    let stack: Stack;
    let number: number;
    const comments = () =>
      stack.sandbox.comments(SOURCE, number).map((comment) => comment.body ?? "");
    const label = async (name: string) => {
      await stack.sandbox.addLabels(SOURCE, number, [name], { as: "dana" });
      await waitForDrained(stack.sandbox, stack.server.url);
    };

    beforeAll(async () => {
      stack = await startStack(platform === "gitlab" ? { platform } : {});
      stack.sandbox.createRepo(SOURCE, {
        collaborators: { dana: "write", lee: "write", ana: "write" },
        files: { [configFileOf(platform)]: CONFIG },
      });
      number = await stack.sandbox.openIssue(SOURCE, { as: "dana", title: "Card payments fail" });
      await label("severity::1");
    }, 60_000);

    afterAll(async () => stack?.stop());

    it("pings the owners once, however often the label arrives", async () => {
      await label("component::payments");
      await label("component::payments");
      const pinged = comments().filter((body) => body.includes("Component `payments` added"));
      expect(pinged).toHaveLength(1);
      expect(pinged[0]).toContain("@ana");
    });

    it("says, once, that removing the severity label leaves the incident and its paging running", async () => {
      await stack.sandbox.removeLabel(SOURCE, number, "severity::1", { as: "dana" });
      await waitForDrained(stack.sandbox, stack.server.url);
      const said = comments().filter((body) => body.includes("`severity::1` was removed"));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain("paging goes on until someone replies");
      await label("severity::1");
      expect(comments().filter((body) => body.includes("`severity::1` was removed"))).toHaveLength(
        1,
      );
    });

    it("says of a mistyped component which one was meant", async () => {
      await label("component::paymnets");
      const said = comments().filter((body) => body.includes("`component::paymnets`"));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain("Did you mean `component::payments`?");
    });
  },
);
