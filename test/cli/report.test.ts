import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runReport } from "../../src/cli/report.js";
import type { Incident } from "../../src/core/model.js";
import { renderLogIssueBody } from "../../src/core/render/log-issue.js";
import {
  GITLAB_BOT_USERNAME,
  GITLAB_SANDBOX_TOKEN,
  startSandbox,
  type Sandbox,
  type SandboxPlatform,
} from "../../src/sandbox/index.js";

const NOW = new Date("2026-11-22T12:00:00Z");
const REPO = "acme/incidents";
const at = (daysAgo: number, plusMinutes = 0) =>
  new Date(NOW.getTime() - daysAgo * 86_400_000 + plusMinutes * 60_000).toISOString();
let sandbox: Sandbox | undefined;
afterEach(async () => sandbox?.close());

function incident(
  platform: SandboxPlatform,
  number: number,
  severity: 1 | 2,
  daysAgo: number,
  minutes: { ack?: number; mitigated?: number; resolved?: number; statuses?: number },
  extra: Partial<Incident> = {},
): Incident {
  const declaredAt = at(daysAgo);
  return {
    source: { platform, repo: "acme/shop", number },
    title: `Incident ${number}`,
    severity,
    status: minutes.resolved !== undefined ? "resolved" : "acknowledged",
    declaredAt,
    ...(minutes.ack !== undefined ? { acknowledgedAt: at(daysAgo, minutes.ack) } : {}),
    ...(minutes.mitigated !== undefined ? { mitigatedAt: at(daysAgo, minutes.mitigated) } : {}),
    ...(minutes.resolved !== undefined ? { resolvedAt: at(daysAgo, minutes.resolved) } : {}),
    confidential: false,
    links: {},
    timeline: Array.from({ length: minutes.statuses ?? 0 }, (_, index) => ({
      at: at(daysAgo, (minutes.ack ?? 0) + index + 1),
      text: `Status: update ${index}`,
    })),
    done: [],
    ...extra,
  };
}

/** A tracker with known durations on the platform's sandbox: the report's numbers are checked against them. */
async function constructTracker(platform: SandboxPlatform): Promise<void> {
  sandbox = await startSandbox({ webhookSecret: "s", platform });
  sandbox.createRepo(REPO);
  const bot = platform === "gitlab" ? GITLAB_BOT_USERNAME : "sevbot[bot]";
  const add = async (value: Incident, postMortemClosed?: boolean) => {
    let links = {};
    if (postMortemClosed !== undefined) {
      const number = await sandbox!.openIssue(REPO, {
        as: "lee",
        title: `Post-mortem ${value.title}`,
        labels: ["post-mortem"],
      });
      if (postMortemClosed) await sandbox!.closeIssue(REPO, number, { as: "lee" });
      links = { postMortem: { platform, repo: REPO, number } };
    }
    const withLinks = { ...value, links };
    await sandbox!.openIssue(REPO, {
      as: bot,
      title: `[SEV-${value.severity}] ${value.title}`,
      body: renderLogIssueBody(withLinks, REPO),
      labels: ["incident-log"],
    });
  };
  await add(
    incident(platform, 1, 1, 10, { ack: 4, mitigated: 20, resolved: 60, statuses: 3 }),
    true,
  );
  await add(incident(platform, 2, 1, 5, { ack: 10, resolved: 120 }), false);
  await add(incident(platform, 3, 2, 3, { ack: 30, resolved: 150, statuses: 2 }), true);
  await add(incident(platform, 4, 1, 2, { ack: 1, resolved: 5 }, { drill: true }));
  await add(incident(platform, 5, 1, 200, { ack: 99, resolved: 999 }));
}

/** The flags that point `sevbot report` at the sandbox's face for the platform. */
function targetFlags(sandbox: Sandbox): string[] {
  return sandbox.platform === "gitlab"
    ? ["--gitlab", sandbox.url, "--token", GITLAB_SANDBOX_TOKEN]
    : ["--api", sandbox.apiUrl];
}

describe.each<SandboxPlatform>(["github", "gitlab"])("sevbot report on %s", (platform) => {
  it("computes MTTA, time to mitigate, MTTR, status compliance and post-mortem completion per severity", async () => {
    await constructTracker(platform);
    const out: string[] = [];
    const html = join(mkdtempSync(join(tmpdir(), "sevbot-report-")), "report.html");
    expect(
      await runReport(
        [REPO, "--since", "90d", ...targetFlags(sandbox!), "--html", html],
        {},
        (line) => out.push(line),
        NOW,
      ),
    ).toBe(0);
    const markdown = out.join("\n");
    expect(markdown).toContain("3 incident(s); 1 drill(s) excluded.");
    // Sev-1: MTTA (4+10)/2 = 7; mitigate 20; MTTR (60+120)/2 = 90; status 1 of 1+11 asked = 8%; post-mortems 1 of 2.
    expect(markdown).toContain("| Sev-1 | 2 | 7 min | 20 min | 90 min | 8% | 50% |");
    // Sev-2: 30 min; MTTR 150 min = 2.5 h; status 2 of 4 asked (every 30 min) = 50%; post-mortem done.
    expect(markdown).toContain("| Sev-2 | 1 | 30 min | — | 2.5 h | 50% | 100% |");
    expect(markdown).toContain("| Sev-3 | 0 | — | — | — | — | — |");
    const page = readFileSync(html, "utf8");
    expect(page).toMatch(/^<!doctype html>/);
    expect(page.match(/<svg /g)).toHaveLength(4);
    expect(page).toContain('aria-label="Incidents per week by severity"');
    expect(page).not.toMatch(/<script|src=|href=/);
    expect(sandbox!.requests.filter((request) => !request.valid)).toEqual([]);
  });
});

describe.each<SandboxPlatform>(["github", "gitlab"])(
  "sevbot report by recurrence on %s",
  (platform) => {
    it("groups by component and error signature, with follow-ups and action items (linked or listed in the post-mortem) done when closed", async () => {
      sandbox = await startSandbox({ webhookSecret: "s", platform });
      sandbox.createRepo(REPO);
      const bot = platform === "gitlab" ? GITLAB_BOT_USERNAME : "sevbot[bot]";
      const issue = async (title: string, closed: boolean) => {
        const number = await sandbox!.openIssue(REPO, { as: "lee", title });
        if (closed) await sandbox!.closeIssue(REPO, number, { as: "lee" });
        return { platform, repo: REPO, number };
      };
      const checkout = "http:POST /api/checkout/:id";
      // A post-mortem listing its action items as issue references, as its template asks.
      const postMortem = async (items: Array<{ number: number }>) => {
        const number = await sandbox!.openIssue(REPO, {
          as: "lee",
          title: "Post-mortem 2",
          body: `## Lessons and action items\n${items.map((item) => `- [ ] #${item.number}`).join("\n")}\n`,
        });
        return { platform, repo: REPO, number };
      };
      const logs: Incident[] = [
        incident(
          platform,
          1,
          1,
          20,
          { ack: 6, resolved: 60 },
          {
            components: ["payments"],
            signature: [checkout, "status:502"],
            links: { followUp: await issue("Follow-up 1", true) },
            actionItems: [await issue("Alert on pool", true), await issue("Bigger pool", false)],
          },
        ),
        incident(
          platform,
          2,
          2,
          4,
          { ack: 14, resolved: 120 },
          {
            components: ["payments"],
            signature: [checkout],
            links: {
              followUp: await issue("Follow-up 2", false),
              postMortem: await postMortem([
                await issue("Runbook", true),
                await issue("Load test", false),
              ]),
            },
          },
        ),
        incident(platform, 3, 2, 2, { ack: 3 }, { components: ["search"] }),
      ];
      for (const value of logs)
        await sandbox.openIssue(REPO, {
          as: bot,
          title: `[SEV-${value.severity}] ${value.title}`,
          body: renderLogIssueBody(value, REPO),
          labels: ["incident-log"],
        });
      const out: string[] = [];
      expect(
        await runReport([REPO, ...targetFlags(sandbox)], {}, (line) => out.push(line), NOW),
      ).toBe(0);
      const markdown = out.join("\n");
      const days = (ago: number) => at(ago).slice(0, 10);
      expect(markdown).toContain(
        `| \`payments\` | 2 | yes, 2× | ${days(20)} – ${days(4)} | Sev-1 | 10 min | 90 min | 1/2 | 2/4 |`,
      );
      expect(markdown).toContain(`| \`${checkout}\` | 2 | yes, 2× |`);
      expect(markdown).toContain(
        `| \`search\` | 1 | no | ${days(2)} | Sev-2 | 3 min | — | — | — |`,
      );
      expect(markdown).toContain("1 error signature key(s) seen in one incident only.");
      expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
    });
  },
);

describe("sevbot report on GitLab", () => {
  it("lists log issues of every state updated since the window, and reads post-mortems by iid", async () => {
    await constructTracker("gitlab");
    expect(
      await runReport(
        [REPO, "--gitlab", sandbox!.url, "--since", "90d"],
        { GITLAB_TOKEN: GITLAB_SANDBOX_TOKEN },
        () => undefined,
        NOW,
      ),
    ).toBe(0);
    const paths = sandbox!.requests
      .filter((request) => request.method === "GET")
      .map((request) => request.path);
    // First the project's config (none here: the defaults), then the log issues.
    expect(paths[0]).toMatch(/^\/projects\/acme%2Fincidents\/repository\/files\//);
    expect(paths[1]).toMatch(/^\/projects\/acme%2Fincidents\/issues\?.*labels=incident-log/);
    expect(paths[1]).toContain(`updated_after=${encodeURIComponent(at(90))}`);
    expect(paths[1]).not.toContain("state=");
    expect(paths).toEqual(
      expect.arrayContaining([
        "/projects/acme%2Fincidents/issues/1",
        "/projects/acme%2Fincidents/issues/5",
      ]),
    );
  });
});

describe("sevbot report", () => {
  it("refuses a bad --since, saying what it takes", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const push = (lines: string[]) => (line: string) => void lines.push(line);
    const code = await runReport(["acme/x", "--since", "soon"], {}, push(out), NOW, push(err));
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'sevbot report: --since must be like 90d, 12w, 6m or 2026-01-31, not "soon".',
    ]);
  });

  it("refuses a name that is not owner/repo, saying so, with the usage", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const report = (name: string) =>
      runReport(
        [name],
        {},
        (line) => out.push(line),
        NOW,
        (line) => err.push(line),
      );
    expect(await report("acme")).toBe(2);
    expect(out[0]).toMatch(/^Usage: sevbot report/);
    expect(await report("acme/platform/api")).toBe(2);
    expect(err).toEqual([
      'sevbot report: "acme" is not owner/repo.',
      'sevbot report: "acme/platform/api" is not owner/repo (a GitLab project in a subgroup? add --gitlab URL).',
    ]);
  });
});

describe.each<SandboxPlatform>(["github", "gitlab"])(
  "sevbot report reads the repository's config on %s",
  (platform) => {
    it("its tracker, log label and status cadence, not the defaults; its config errors on stderr", async () => {
      sandbox = await startSandbox({ webhookSecret: "s", platform });
      const file = platform === "gitlab" ? ".gitlab/sevbot.yml" : ".github/sevbot.yml";
      sandbox.createRepo("acme/shop", {
        files: {
          [file]: `tracker:\n  repository: ${REPO}\n  logLabel: sev-log\nescalation:\n  statusEvery: { 1: 60 }\noncall: ['not a name!']\n`,
        },
      });
      sandbox.createRepo(REPO);
      const bot = platform === "gitlab" ? GITLAB_BOT_USERNAME : "sevbot[bot]";
      const log = async (value: Incident, label: string) =>
        sandbox!.openIssue(REPO, {
          as: bot,
          title: `[SEV-1] ${value.title}`,
          body: renderLogIssueBody(value, REPO),
          labels: [label],
        });
      // Status every 60 min (not the default 10): 1 update in a 120-minute incident is 100%.
      await log(incident(platform, 1, 1, 3, { ack: 5, resolved: 120, statuses: 1 }), "sev-log");
      await log(incident(platform, 2, 1, 4, { ack: 50, resolved: 60 }), "incident-log");
      await log(
        {
          ...incident(platform, 3, 1, 2, { ack: 7, resolved: 30 }),
          source: { platform, repo: "acme/other", number: 3 },
        },
        "sev-log",
      );
      const out: string[] = [];
      const err: string[] = [];
      expect(
        await runReport(
          ["acme/shop", "--since", "90d", ...targetFlags(sandbox)],
          {},
          (line) => out.push(line),
          NOW,
          (line) => err.push(line),
        ),
      ).toBe(0);
      const markdown = out.join("\n");
      expect(markdown).toContain("1 incident(s)");
      expect(markdown).toMatch(/\| Sev-1 \| 1 \| 5 min \| — \| 2\.0 h \| 100% \|/);
      expect(err.join("\n")).toContain(`Invalid config in ${file}:`);
      expect(err.join("\n")).toContain("`oncall.0`");
      expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
    });
  },
);
