import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForDrained } from "../../src/scenario/settle.js";
import { configFileOf, startStack, type Stack } from "./harness.js";

const SOURCE = "acme/shop";
const CONFIG = "tracker:\n  repository: acme/incidnets\noncall:\n  - lee\n";

/**
 * The built server against the sandbox. A typo in `tracker.repository` never drops the
 * emergency: the declaration keeps the log in the source repository, says so once, and the
 * incident runs as usual from there.
 */
describe.each(["github", "gitlab"] as const)(
  "a Sev-1 whose tracker does not exist, on %s",
  (platform) => {
    let stack: Stack;
    const file = configFileOf(platform);
    let number: number;
    const comments = () =>
      stack.sandbox.comments(SOURCE, number).map((comment) => comment.body ?? "");
    const withMarker = (key: string) =>
      comments().filter((body) => body.includes(`<!-- sevbot:${key} -->`));
    const logs = () => stack.sandbox.issues(SOURCE).filter((issue) => issue.number !== number);

    beforeAll(async () => {
      stack = await startStack(platform === "gitlab" ? { platform } : {});
      stack.sandbox.createRepo(SOURCE, {
        collaborators: { dana: "write" },
        files: { [file]: CONFIG },
      });
      number = await stack.sandbox.openIssue(SOURCE, { as: "reporter", title: "DB down" });
      await stack.sandbox.addLabels(SOURCE, number, ["severity::1"], { as: "dana" });
      await waitForDrained(stack.sandbox, stack.server.url);
    }, 60_000);

    afterAll(async () => stack?.stop());

    it("posts the checklist with the on-call mentioned, and opens the log in the source repository", () => {
      const checklists = withMarker("checklist");
      expect(checklists).toHaveLength(1);
      expect(checklists[0]).toContain("@lee");
      expect(logs()).toHaveLength(1);
      expect(logs()[0]!.body).toContain(`<!-- sevbot:log-for ${platform}:${SOURCE}#${number} -->`);
      expect(checklists[0]).toContain(
        `<!-- sevbot:log-ref ${platform}:${SOURCE}#${logs()[0]!.number} -->`,
      );
      expect(comments().filter((body) => body.includes("job-dropped"))).toEqual([]);
    });

    it("says once which tracker failed, the error, where the log is and what to fix", () => {
      const notices = withMarker("tracker-fallback");
      expect(notices).toHaveLength(1);
      const notice = notices[0]!;
      expect(notice).toContain("`acme/incidnets`");
      expect(notice).toMatch(/> 404: .*Not Found/);
      expect(notice).toContain(`#${logs()[0]!.number}`);
      expect(notice).toContain(`set \`tracker.repository\` in \`${file}\``);
    });

    it("/ack works on the incident whose log is in the source repository", async () => {
      const ack = platform === "gitlab" ? "/sevbot ack" : "/ack";
      await stack.sandbox.comment(SOURCE, number, ack, { as: "dana" });
      await waitForDrained(stack.sandbox, stack.server.url);
      const labels = stack.sandbox.issue(SOURCE, number).labels.map((label) => label.name);
      expect(labels).toContain("incident::acknowledged");
      expect(logs()[0]!.body).toMatch(/acknowledged/i);
      expect(withMarker("tracker-fallback")).toHaveLength(1);
      expect(comments().filter((body) => body.includes("job-dropped"))).toEqual([]);
    });
  },
);
