import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Action } from "../../src/core/actions.js";
import { parseIssueForm, reportAnswers } from "../../src/core/issue-form.js";
import type { Permission } from "../../src/core/model.js";
import { config, issue, NOW } from "../helpers/builders.js";

/** The exact Markdown GitHub renders for an issue submitted through .github/ISSUE_TEMPLATE/incident.yml. */
const rendered = readFileSync(
  new URL("../fixtures/github/incident-form-body.md", import.meta.url),
  "utf8",
);

describe("issue forms", () => {
  it("reads every answer; _No response_ is empty", () => {
    const form = parseIssueForm(rendered);
    expect([...form.keys()]).toEqual([
      "severity",
      "component",
      "what happened",
      "reproduction steps",
      "impact",
      "time observed",
    ]);
    expect(form.get("impact")).toBe("");
    expect(form.get("reproduction steps")).toContain("POST /api/checkout HTTP/1.1");
  });

  it("takes the severity and the component", () => {
    expect(reportAnswers(rendered)).toEqual({ severity: 1, component: "payments" });
  });

  it("reads sevbot's GitLab template answers, ignoring its hints and quick actions", () => {
    const gitlab = readFileSync(
      new URL("../../.gitlab/issue_templates/Incident.md", import.meta.url),
      "utf8",
    ).replace("### Component\n", "### Component\n\nsearch api\n");
    expect(
      reportAnswers(gitlab.replace("### Severity\n", "### Severity\n\nSev-2 (High)\n")),
    ).toEqual({ severity: 2, component: "search-api" });
    expect(reportAnswers(gitlab)).toEqual({ component: "search-api" });
  });

  it("a body without a form has no answers", () => {
    expect(reportAnswers("The site is down!!! ### not a heading")).toEqual({});
  });
});

/** The exact Markdown GitHub renders for .github/ISSUE_TEMPLATE/security-report.yml, Component and Time observed left empty. */
const security = readFileSync(
  new URL("../fixtures/github/security-form-body.md", import.meta.url),
  "utf8",
);
const securityTemplate = readFileSync(
  new URL("../../.github/ISSUE_TEMPLATE/security-report.yml", import.meta.url),
  "utf8",
);

describe("the security issue form", () => {
  it("the fixture has a section for every field of the template, in its order", () => {
    const labels = [...securityTemplate.matchAll(/^ {6}label: (.+)$/gm)].map((match) =>
      match[1]!.trim().toLowerCase(),
    );
    expect([...parseIssueForm(security).keys()]).toEqual(labels);
  });

  it("reads every answer; the empty ones are empty", () => {
    const form = parseIssueForm(security);
    expect(form.get("component")).toBe("");
    expect(form.get("time observed")).toBe("");
    expect(form.get("severity")).toBe("Sev-2 (High)");
    expect(form.get("reproduction steps")).toMatch(
      /^```\nGET \/api\/export\?account=1002 HTTP\/1\.1\n[\s\S]*HTTP\/1\.1 200 OK\n```$/,
    );
    expect(form.get("impact")).toBe(
      "Any signed-in customer can read any other customer's invoices.",
    );
  });

  it("takes the severity; no component when none was given", () => {
    expect(reportAnswers(security)).toEqual({ severity: 2 });
  });

  it("opened by a team member (the template adds the security label): a confidential Sev-2 security incident", () => {
    const event: DomainEvent = {
      kind: "issue-opened",
      issue: issue({
        title: "[Security] Invoices of other accounts through /export",
        body: security,
        labels: ["security"],
      }),
      actor: { login: "dana", isBot: false },
      permission: "write",
    };
    const { incident, actions } = decide(undefined, event, config(), NOW);
    expect(incident).toMatchObject({
      severity: 2,
      security: true,
      confidential: true,
      components: [],
    });
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: "add-labels", labels: ["severity::2"] }),
    );
    expect(
      actions.some((action) => action.kind === "comment" && action.key === "security-ack"),
    ).toBe(false);
  });

  it("opened by an outsider: thanked, the severity only proposed", () => {
    const event: DomainEvent = {
      kind: "issue-opened",
      issue: issue({
        title: "[Security] Invoices of other accounts through /export",
        body: security,
        labels: ["security"],
      }),
      actor: { login: "outsider", isBot: false },
      permission: "read",
    };
    const { incident, actions } = decide(
      undefined,
      event,
      config({ reports: { triage: ["triager"], proposedLabel: "severity-proposed::N" } }),
      NOW,
    );
    expect(incident).toBeUndefined();
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: "add-labels", labels: ["severity-proposed::2"] }),
    );
    expect(
      actions.some((action) => action.kind === "comment" && action.key === "security-ack"),
    ).toBe(true);
    expect(
      actions.some(
        (action) => action.kind === "add-labels" && action.labels.includes("severity::2"),
      ),
    ).toBe(false);
  });
});

describe("reports opened through the form", () => {
  const opened = (permission: Permission | undefined, body = rendered): DomainEvent => ({
    kind: "issue-opened",
    issue: issue({ body, labels: [] }),
    actor: { login: "reporter", isBot: false },
    permission,
  });
  const cfg = config({ reports: { triage: ["triager"], proposedLabel: "severity-proposed::N" } });

  it("an author with write access: the chosen severity becomes the label and the incident", () => {
    const { incident, actions } = decide(undefined, opened("write"), cfg, NOW);
    expect(incident).toMatchObject({ severity: 1, components: ["payments"] });
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: "add-labels", labels: ["severity::1"] }),
    );
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: "add-labels", labels: ["component::payments"] }),
    );
    expect(actions.some((action) => action.kind === "comment" && action.key === "checklist")).toBe(
      true,
    );
  });

  it("an author without write access: a proposal, and triage is pinged", () => {
    const { incident, actions } = decide(undefined, opened("read"), cfg, NOW);
    expect(incident).toBeUndefined();
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: "add-labels", labels: ["severity-proposed::1"] }),
    );
    const comment = actions.find((action) => action.kind === "comment") as { body: string };
    expect(comment.body).toMatch(/@triager: the reporter proposes \*\*Sev-1\*\*/);
    expect(
      actions.some(
        (action) => action.kind === "add-labels" && action.labels.includes("severity::1"),
      ),
    ).toBe(false);
  });
});

describe("security reports", () => {
  const report = (permission: Permission, labels: string[] = ["security"]): DomainEvent => ({
    kind: "issue-opened",
    issue: issue({
      title: "[Security] Session tokens leak in logs",
      body: "token=abc in /var/log",
      labels,
    }),
    actor: { login: "outsider", isBot: false },
    permission,
  });
  const thanks = (actions: Action[]) =>
    actions.filter((action) => action.kind === "comment" && action.key === "security-ack");

  it("a reporter without write access is thanked once, without anything confirmed", () => {
    const { actions } = decide(undefined, report("read"), config(), NOW);
    expect(thanks(actions)).toHaveLength(1);
    const body = (thanks(actions)[0] as { body: string }).body;
    expect(body).toMatch(/taken? .*seriously/);
    expect(body).toMatch(/investigated/);
    expect(body).not.toMatch(/\b(confirm(ed)?|vulnerab|exploit|we (found|fixed))\b/i);
  });

  it("is thanked when a maintainer's severity label was handled first and declared the incident", () => {
    const labeled: DomainEvent = {
      kind: "issue-labeled",
      issue: issue({
        title: "[Security] Session tokens leak in logs",
        labels: ["security", "severity::1"],
      }),
      actor: { login: "dana", isBot: false },
      label: "severity::1",
    };
    const declared = decide(undefined, labeled, config(), NOW).incident!;
    expect(declared).toBeDefined();
    const opened = decide(declared, report("read"), config(), NOW);
    expect(thanks(opened.actions)).toHaveLength(1);
    expect(opened.actions.filter((action) => action.kind === "create-log-issue")).toEqual([]); // nothing declared twice
  });

  it("the team itself (write access) gets no acknowledgement", () => {
    expect(thanks(decide(undefined, report("write"), config(), NOW).actions)).toEqual([]);
  });

  it("a labelled Sev-1 security report is declared confidential and resolves with a security release", () => {
    const cfg = config({ tracker: { repository: "acme/incidents", logLabel: "incident-log" } });
    const opened = decide(undefined, report("read", ["security", "severity::1"]), cfg, NOW);
    expect(thanks(opened.actions)).toHaveLength(1);
    expect(opened.incident).toMatchObject({ confidential: true, security: true });
    const log = opened.actions.find((action) => action.kind === "create-log-issue") as {
      title: string;
    };
    expect(log.title).not.toContain("Session tokens");
    const command: DomainEvent = {
      kind: "comment-created",
      issue: issue(),
      actor: { login: "dana", isBot: false },
      comment: { id: 1, body: "/resolve root cause: logger config", author: "dana", byBot: false },
      permission: "write",
    };
    const resolved = decide(
      { ...opened.incident!, log: { platform: "github", repo: "acme/incidents", number: 3 } },
      command,
      cfg,
      NOW,
    );
    expect(resolved.actions).toContainEqual(
      expect.objectContaining({
        kind: "create-issue",
        linkAs: "securityRelease",
        confidential: true,
      }),
    );
  });
});

describe("security incidents engage the security on-call", () => {
  it("mentions the configured security people with the component's owners", () => {
    const cfg = config({
      security: { ...config().security, engage: ["sec-oncall"] },
      components: { ...config().components, owners: { auth: ["auth-em", "auth-pm"] } },
    });
    const event: DomainEvent = {
      kind: "issue-labeled",
      issue: issue({
        title: "[Security] x",
        labels: ["security", "component::auth", "severity::1"],
      }),
      actor: { login: "dana", isBot: false },
      label: "severity::1",
    };
    const checklist = decide(undefined, event, cfg, NOW).actions.find(
      (action) => action.kind === "comment" && action.key === "checklist",
    ) as { body: string };
    expect(checklist.body).toContain("@auth-em @auth-pm @sec-oncall");
  });
});
