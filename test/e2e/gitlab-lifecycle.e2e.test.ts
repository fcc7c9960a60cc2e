import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledScenarioPath, loadScenarioFile } from "../../src/scenario/load.js";
import { playScenario, prepareRepository } from "../../src/scenario/run.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { markerCounts, startStack, type Stack } from "./harness.js";

/** The same Sev-1 scenario as on GitHub, with the real server serving GitLab only. */
describe("end to end on GitLab: the Sev-1 scenario", () => {
  let stack: Stack;
  const scenario = loadScenarioFile(bundledScenarioPath("sev1-checkout-outage"));
  const repo = scenario.repository;

  beforeAll(async () => {
    stack = await startStack({ platform: "gitlab" }, {}, "stepped");
    prepareRepository(stack.sandbox, scenario);
    await playScenario(scenario, { sandbox: stack.sandbox, settle: () => waitForQuiet(stack.sandbox, 300), advanceMinute: () => stack.advanceMinute() });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("spoke only GitLab's API, and only requests GitLab's API description allows", () => {
    expect(stack.sandbox.requests.length).toBeGreaterThan(10);
    expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
    expect(stack.sandbox.requests.every((request) => request.path.startsWith("/projects/") || request.path === "/user")).toBe(true);
  });

  it("the issue got the checklist once, the owners and on-call pinged, and ends resolved", () => {
    const comments = stack.sandbox.comments(repo, 1);
    const checklist = comments.filter((comment) => comment.body?.includes("<!-- sevbot:checklist -->"));
    expect(checklist).toHaveLength(1);
    expect(checklist[0]!.body).toContain("@kim");
    expect(checklist[0]!.body).toContain("@lee");
    expect(checklist[0]!.body).toContain("POST /api/checkout HTTP/1.1");
    expect(stack.sandbox.issue(repo, 1).labels.map((label) => label.name).sort()).toEqual(["component::payments", "incident::resolved", "severity::1"]);
    for (const [key, count] of markerCounts(comments.map((comment) => comment.body))) expect(count, key).toBe(1);
  });

  it("escalated every 5 minutes until /ack, each step once", () => {
    const comments = stack.sandbox.comments(repo, 1).map((comment) => comment.body ?? "");
    const escalations = comments.filter((body) => body.includes("🔔 Escalation"));
    expect(escalations).toHaveLength(2);
    expect(escalations[0]).toMatch(/repeat 1\): @lee, this Sev-1 is not acknowledged after 5 min/);
    expect(escalations[1]).toMatch(/repeat 2\): @lee, .* after 10 min/);
    expect(comments.findLastIndex((body) => body.includes("🔔 Escalation"))).toBeLessThan(comments.findIndex((body) => body.trim() === "/ack"));
  });

  it("sevbot's labels were created in their colours, not GitLab's default grey", () => {
    const colours = new Map(stack.sandbox.labels(repo).map((label) => [label.name, label.color.replace(/^#/, "").toLowerCase()]));
    expect(colours.get("incident::active")).toBe("b60205");
    expect(colours.get("incident-log")).toBe("5319e7");
  });

  it("the log issue is closed with the timeline and durations", () => {
    const log = stack.sandbox.issues(repo).find((issue) => issue.title.startsWith("[SEV-1]"))!;
    expect(log.title).toBe("[SEV-1] Checkout fails with HTTP 500 for every card payment");
    expect(log.state).toBe("closed");
    expect(log.body).toMatch(/time to acknowledge\) \| .* \(after 11 min\)/);
    expect(log.body).toMatch(/time to resolve\) \| .* \(after 31 min\)/);
    expect(log.body).toContain("Status: Rolled back payment-gateway 4.2");
    expect(log.body).toMatch(/Root cause \| unknown/);
  });

  it("root cause unknown: follow-up and post-mortem assigned to the lead and linked to the incident's issue", () => {
    const issues = stack.sandbox.issues(repo);
    const followUp = issues.filter((issue) => issue.title.startsWith("Follow-up:"));
    const postMortem = issues.filter((issue) => issue.title.startsWith("Post-mortem:"));
    expect(followUp).toHaveLength(1);
    expect(postMortem).toHaveLength(1);
    expect(followUp[0]!.labels.map((label) => label.name)).toContain("priority::high");
    expect(followUp[0]!.assignees.map((user) => user.login)).toEqual(["lee"]);
    expect(postMortem[0]!.assignees.map((user) => user.login)).toEqual(["lee"]);
    for (const issue of [followUp[0]!, postMortem[0]!]) expect(stack.sandbox.links(repo, issue.number)).toEqual([expect.objectContaining({ repo, number: 1 })]);
  });
});
