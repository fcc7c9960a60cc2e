import { afterAll, describe, expect, it } from "vitest";
import { runDrill } from "../../src/cli/drill.js";
import { startStack, type Stack } from "./harness.js";

const fixture = (name: string) => new URL(`../cli/fixtures/${name}`, import.meta.url).pathname;

// The same drill on each platform's sandbox; GitLab's is written with `/sevbot` commands, as GitLab users are told to.
describe.each([
  { platform: "github", args: [fixture("drill.yml")], logLine: "labels: incident-log" },
  {
    platform: "gitlab",
    args: [fixture("gitlab-drill.yml"), "--platform", "gitlab"],
    logLine: "by sevbot-bot · labels: incident-log",
  },
])("a drill end to end on the $platform sandbox", ({ args, logLine }) => {
  it("is labelled as a drill, notifies only its participants, and ends with a drill report", async () => {
    const out: string[] = [];
    expect(await runDrill(args, (line) => out.push(line))).toBe(0);
    const text = out.join("\n");
    expect(text).toContain(logLine);
    expect(text).toContain("labels: component::db, drill, severity::1, incident::resolved");
    expect(text).toContain("This is a drill");
    expect(text).toMatch(/@ana/);
    expect(text).not.toMatch(/@(pager-duty-human|outsider-owner)/);
    expect(text).toMatch(
      /## Drill report: Primary database unreachable\n\n- Time to acknowledge: \d+ min\n- Time to resolve: \d+ min\n- Steps missed:\n {2}- no status update/,
    );
  }, 90_000);
});

/** A drill on a GitLab project where sevbot runs (the sandbox stands in for GitLab). */
describe("a drill on a GitLab project through the API", () => {
  let stack: Stack;
  afterAll(async () => stack?.stop());

  it("plays the steps as the token's user, and reports from the log issues", async () => {
    stack = await startStack({ platform: "gitlab" });
    stack.sandbox.createRepo("acme/live", { collaborators: { dana: "write" } });
    const out: string[] = [];
    const args = [
      fixture("gitlab-live-drill.yml"),
      "--repo",
      "acme/live",
      "--gitlab",
      stack.sandbox.url,
      "--token",
      "user-dana",
      "--settle",
      "1.5",
    ];
    expect(await runDrill(args, (line) => out.push(line))).toBe(0);
    const issue = stack.sandbox.issue("acme/live", 1);
    expect(issue).toMatchObject({
      user: { login: "dana" },
      body: expect.stringContaining("_(drill: dana)_"),
    });
    expect(issue.labels.map((label) => label.name)).toEqual(
      expect.arrayContaining(["drill", "severity::2", "incident::acknowledged"]),
    );
    expect(out.join("\n")).toMatch(
      /## Drill report: Login returns 502\n\n- Time to acknowledge: \d+ min\n- Time to resolve: not resolved\n- Steps missed:\n {2}- the incident was not resolved/,
    );
    expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  }, 60_000);
});
