import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledScenarioPath, loadScenarioFile } from "../../src/scenario/load.js";
import { playScenario, prepareRepository } from "../../src/scenario/run.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { markerCounts, startStack, type Stack } from "./harness.js";

/**
 * The real server process against the sandbox, once as a GitHub App and once serving GitLab only:
 * what a user would see on the forge. Time is stepped a minute at a time, so the script's 11 and
 * 20 minutes are exactly that on the server.
 */
describe.each(["github", "gitlab"] as const)(
  "end to end: the Sev-1 scenario on the %s sandbox",
  (platform) => {
    let stack: Stack;
    const scenario = loadScenarioFile(bundledScenarioPath("sev1-checkout-outage"));
    const repo = scenario.repository;

    beforeAll(async () => {
      stack = await startStack(platform === "gitlab" ? { platform } : {}, {}, "stepped");
      prepareRepository(stack.sandbox, scenario);
      await playScenario(scenario, {
        sandbox: stack.sandbox,
        settle: () => waitForQuiet(stack.sandbox, 300),
        advanceMinute: () => stack.advanceMinute(),
      });
    }, 90_000);

    afterAll(async () => {
      await stack?.stop();
    });

    it("every request sevbot sent is one the platform's API description allows", () => {
      expect(stack.sandbox.requests.length).toBeGreaterThan(10);
      expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
    });

    if (platform === "gitlab") {
      it("spoke only GitLab's API", () => {
        expect(
          stack.sandbox.requests.every(
            (request) => request.path.startsWith("/projects/") || request.path === "/user",
          ),
        ).toBe(true);
      });
    }

    it("the source issue got the checklist once, the owners and on-call pinged, and ends resolved", () => {
      const comments = stack.sandbox.comments(repo, 1);
      const checklist = comments.filter((comment) =>
        comment.body?.includes("<!-- sevbot:checklist -->"),
      );
      expect(checklist).toHaveLength(1);
      expect(checklist[0]!.body).toContain("@kim");
      expect(checklist[0]!.body).toContain("@lee");
      expect(checklist[0]!.body).toContain("POST /api/checkout HTTP/1.1");
      expect(
        stack.sandbox
          .issue(repo, 1)
          .labels.map((label) => label.name)
          .sort(),
      ).toEqual(["component::payments", "incident::resolved", "severity::1"]);
      for (const [key, count] of markerCounts(comments.map((comment) => comment.body)))
        expect(count, key).toBe(1);
    });

    it("the unacknowledged Sev-1 was escalated every 5 minutes, each step once, and stopped at /ack", () => {
      const comments = stack.sandbox.comments(repo, 1).map((comment) => comment.body ?? "");
      const escalations = comments.filter((body) => body.includes("🔔 Escalation"));
      expect(escalations).toHaveLength(2);
      expect(escalations[0]).toMatch(
        /repeat 1\): @lee, this Sev-1 is not acknowledged after 5 min/,
      );
      expect(escalations[1]).toMatch(/repeat 2\): @lee, .* after 10 min/);
      expect(comments.findLastIndex((body) => body.includes("🔔 Escalation"))).toBeLessThan(
        comments.findIndex((body) => body.trim() === "/ack"),
      );
    });

    it("the log issue is closed with the timeline and the durations", () => {
      const log = stack.sandbox.issues(repo).find((issue) => issue.title.startsWith("[SEV-1]"))!;
      expect(log.title).toBe("[SEV-1] Checkout fails with HTTP 500 for every card payment");
      expect(log.state).toBe("closed");
      expect(log.labels.map((label) => label.name)).toContain("incident-log");
      // The script waits 11 minutes before /ack and 20 more before /resolve.
      expect(log.body).toMatch(/time to acknowledge\) \| .* \(after 11 min\)/);
      expect(log.body).toMatch(/time to resolve\) \| .* \(after 31 min\)/);
      expect(log.body).toContain("Status: Rolled back payment-gateway 4.2");
      expect(log.body).toMatch(/Root cause \| unknown/);
    });

    it("root cause unknown: a high-priority follow-up and a post-mortem, both assigned to the lead", () => {
      const issues = stack.sandbox.issues(repo);
      const followUp = issues.filter((issue) => issue.title.startsWith("Follow-up:"));
      const postMortem = issues.filter((issue) => issue.title.startsWith("Post-mortem:"));
      expect(followUp).toHaveLength(1);
      expect(postMortem).toHaveLength(1);
      expect(followUp[0]!.labels.map((label) => label.name)).toContain("priority::high");
      expect(followUp[0]!.assignees.map((user) => user.login)).toEqual(["lee"]);
      expect(postMortem[0]!.assignees.map((user) => user.login)).toEqual(["lee"]);
      expect(postMortem[0]!.body).toMatch(/Time to acknowledge/);
      // On GitLab both are also linked to the incident's issue as related issues.
      if (platform === "gitlab")
        for (const issue of [followUp[0]!, postMortem[0]!])
          expect(stack.sandbox.links(repo, issue.number)).toEqual([
            expect.objectContaining({ repo, number: 1 }),
          ]);
    });

    if (platform === "gitlab") {
      it("sevbot's labels were created in their colours, not GitLab's default grey", () => {
        const colours = new Map(
          stack.sandbox
            .labels(repo)
            .map((label) => [label.name, label.color.replace(/^#/, "").toLowerCase()]),
        );
        expect(colours.get("incident::active")).toBe("b60205");
        expect(colours.get("incident-log")).toBe("5319e7");
      });
    }
  },
);
