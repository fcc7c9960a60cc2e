import { afterAll, describe, expect, it, vi } from "vitest";
import { asDrill, runDrill } from "../../src/cli/drill.js";
import { playScenario, prepareRepository } from "../../src/scenario/run.js";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { fakeService, type FakeService } from "../adapters/notify/fake-service.js";
import { configFileOf, startStack, type Stack } from "./harness.js";

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

/**
 * Issue 12: a drill on a server wired to Slack (Web API), the generic webhook and PagerDuty, all
 * local fakes, next to real incidents on the same server, so that silence from the fakes is
 * proven to be the drill's and not a wiring mistake.
 */
describe.each(["github", "gitlab"] as const)(
  "a drill next to real incidents on %s, with every notifier configured",
  (platform) => {
    const DRILL_REPO = "acme/drills";
    const REAL_REPO = "acme/shop";
    let stack: Stack;
    let slack: FakeService;
    let hook: FakeService;
    let pagerduty: FakeService;
    let rooms = 0;

    afterAll(async () => {
      await stack?.stop();
      for (const fake of [slack, hook, pagerduty]) await fake?.close();
    });

    const drill = asDrill({
      name: "Database failover",
      description: "",
      repository: DRILL_REPO,
      private: false,
      collaborators: { ana: "write", ben: "write" },
      config: [
        "oncall: [ana, pager-human]",
        "components: { owners: { db: [outsider-owner] } }",
        "mitigation: { notify: [cto] }",
        "security: { engage: [sec-lead] }",
        "resolution: { architectureMeetingIssue: 'acme/architecture#1' }",
        "notifications: { slackUsers: { ana: U0000ANA, pager-human: U0000PGR, cto: U0000CTO } }",
      ].join("\n"),
      steps: [
        {
          open: {
            as: "ben",
            title: "Primary database unreachable",
            body: "",
            labels: ["component::db", "security"],
          },
        },
        { label: { as: "ben", issue: 1, add: ["severity::2"] } },
        { wait: 2 },
        { comment: { as: "ana", issue: 1, body: "/ack" } },
        { label: { as: "ben", issue: 1, add: ["severity::1"] } },
        { comment: { as: "ana", issue: 1, body: "/decide fail over to the replica" } },
        { wait: 1 },
        { comment: { as: "ana", issue: 1, body: "/resolve" } },
      ],
    });

    it("pages nobody, posts in no channel, calls no webhook, writes into no shared issue; the real incidents do", async () => {
      slack = await fakeService((request) => ({
        status: 200,
        body:
          request.path === "/conversations.create"
            ? { ok: true, channel: { id: `C${++rooms}`, name: request.body.name } }
            : { ok: true },
      }));
      hook = await fakeService(() => ({ status: 204 }));
      pagerduty = await fakeService(() => ({ status: 202, body: { status: "success" } }));
      stack = await startStack(
        { platform },
        {
          SLACK_BOT_TOKEN: "xoxb-test",
          SLACK_API_URL: slack.url,
          SEVBOT_WEBHOOK_URL: hook.url,
          PAGERDUTY_ROUTING_KEY: "R0UTING",
          PAGERDUTY_URL: pagerduty.url,
        },
        "stepped",
      );
      const { sandbox } = stack;
      sandbox.createRepo("acme/architecture", { collaborators: { arch: "admin" } });
      await sandbox.openIssue("acme/architecture", { as: "arch", title: "Architecture meeting" });
      sandbox.createRepo(REAL_REPO, {
        collaborators: { dana: "write" },
        files: {
          [configFileOf(platform)]:
            "resolution: { architectureMeetingIssue: 'acme/architecture#1' }\n",
        },
      });
      prepareRepository(sandbox, drill);
      await playScenario(drill, {
        sandbox,
        settle: () => waitForQuiet(sandbox, 300),
        advanceMinute: () => stack.advanceMinute(),
      });

      // The real incidents, on the same server: a Sev-2 (never paged) acknowledged, raised to
      // Sev-1, resolved; a Sev-2 acknowledged and resolved as Sev-2.
      const raised = await sandbox.openIssue(REAL_REPO, { as: "dana", title: "Checkout slow" });
      await sandbox.addLabels(REAL_REPO, raised, ["severity::2"], { as: "dana" });
      const quiet = await sandbox.openIssue(REAL_REPO, { as: "dana", title: "Search degraded" });
      await sandbox.addLabels(REAL_REPO, quiet, ["severity::2"], { as: "dana" });
      await waitForQuiet(sandbox, 300);
      for (const number of [raised, quiet])
        await sandbox.comment(REAL_REPO, number, "/ack", { as: "dana" });
      await waitForQuiet(sandbox, 300);
      await sandbox.addLabels(REAL_REPO, raised, ["severity::1"], { as: "dana" });
      await waitForQuiet(sandbox, 300);
      for (const number of [raised, quiet])
        await sandbox.comment(REAL_REPO, number, "/resolve root cause: a bad index", {
          as: "dana",
        });
      const events = () =>
        pagerduty.received.map(
          (request) => `${String(request.body.event_action)} ${String(request.body.dedup_key)}`,
        );
      // Notifications go out in the background: wait for the last one the real incidents cause.
      await vi.waitFor(
        () => expect(events()).toContain(`resolve ${platform}:${REAL_REPO}#${raised}`),
        {
          timeout: 20_000,
          interval: 100,
        },
      );
      await waitForQuiet(sandbox, 1_000);

      // PagerDuty: the raise to Sev-1 paged once (after acknowledgement) and was resolved; the
      // Sev-2 that never paged got no acknowledge or resolve; the drill nothing.
      expect(events()).toEqual([
        `trigger ${platform}:${REAL_REPO}#${raised}`,
        `resolve ${platform}:${REAL_REPO}#${raised}`,
      ]);
      // The generic webhook: every real incident's messages, none of the drill's.
      const hooked = hook.received.map((request) => String(request.body.incident));
      expect(hooked.length).toBeGreaterThan(0);
      expect(hooked.filter((incident) => incident.startsWith(`${platform}:${DRILL_REPO}`))).toEqual(
        [],
      );
      expect(hook.received.every((request) => request.body.drill === false)).toBe(true);

      // Slack: channels and rooms for the real incidents only; the drill's participant by DM.
      const posts = slack.received.filter((request) => request.path === "/chat.postMessage");
      const inChannels = posts.filter((request) => String(request.body.channel).startsWith("#"));
      expect(inChannels.length).toBeGreaterThan(0);
      for (const post of inChannels) expect(String(post.body.text)).not.toMatch(/Drill|database/i);
      const direct = posts.filter((request) => !String(request.body.channel).startsWith("#"));
      expect(new Set(direct.map((request) => request.body.channel))).toEqual(new Set(["U0000ANA"]));
      for (const post of direct) expect(String(post.body.text)).toMatch(/^🎭 \*Drill\* /);
      // Two war rooms (the real Sev-2s); the raise set the raised one's topic to Sev-1.
      const created = slack.received
        .filter((request) => request.path === "/conversations.create")
        .map((request, index) => ({ name: String(request.body.name), id: `C${index + 1}` }));
      expect(created.map((room) => room.name.replace(/^[\d-]+war-room-/, "")).sort()).toEqual([
        "checkout-slow",
        "search-degraded",
      ]);
      const room = created.find((entry) => entry.name.endsWith("checkout-slow"))!.id;
      const topics = slack.received
        .filter((request) => request.path === "/conversations.setTopic")
        .map((request) => [request.body.channel, String(request.body.topic)]);
      expect(topics).toContainEqual([room, expect.stringMatching(/^Sev-1: Checkout slow /)]);
      // The raise after acknowledgement told the incidents channel, with @channel (Sev-1's policy).
      expect(
        inChannels.some((post) =>
          /^<!channel> \*\[SEV-1\] Checkout slow\*\nSeverity raised/.test(String(post.body.text)),
        ),
      ).toBe(true);

      // The architecture meeting's issue: the real incidents' agenda items, not the drill's.
      const agenda = sandbox.comments("acme/architecture", 1).map((comment) => comment.body ?? "");
      expect(agenda).toHaveLength(2);
      expect(agenda.join("\n")).not.toContain(DRILL_REPO);

      // Everything the drill created carries the drill label and no priority.
      const drillIssues = sandbox.issues(DRILL_REPO);
      expect(drillIssues.map((issue) => issue.title)).toEqual([
        "Primary database unreachable",
        expect.stringMatching(/^\[SEV-1\] /),
        expect.stringMatching(/^Follow-up: /),
        expect.stringMatching(/^Post-mortem: /),
        expect.stringMatching(/^Security release: /),
      ]);
      for (const issue of drillIssues) {
        const labels = issue.labels.map((label) => label.name);
        expect(labels, issue.title).toContain("drill");
        expect(
          labels.filter((label) => /priority/.test(label)),
          issue.title,
        ).toEqual([]);
      }
      // sevbot's comments in the drill mention its participants only, and the banner ends its quote.
      const said = sandbox
        .comments(DRILL_REPO, 1)
        .filter((comment) => comment.body?.includes("<!-- sevbot:"))
        .map((comment) => comment.body ?? "");
      const mentioned = said.flatMap((body) =>
        [...body.matchAll(/@([A-Za-z0-9][\w-]*)/g)].map((match) => match[1]!),
      );
      expect(mentioned).toContain("ana");
      expect(mentioned.filter((login) => !["ana", "ben"].includes(login))).toEqual([]);
      const checklist = said.find((body) => body.includes("This is a drill"))!.split("\n");
      expect(checklist[checklist.findIndex((line) => line.includes("This is a drill")) + 1]).toBe(
        "",
      );
      expect(said.some((body) => body.startsWith("🎭 Drill: in a real incident this item"))).toBe(
        true,
      );
      expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
    }, 120_000);
  },
);
