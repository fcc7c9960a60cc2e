import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import yaml from "js-yaml";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Permission } from "../../src/core/model.js";
import type { Notification } from "../../src/core/notification.js";
import { config, issue, NOW } from "../helpers/builders.js";

const TITLE = "[Security] Session tokens leak in logs";
const report = (permission: Permission, labels = ["security"]): DomainEvent => ({
  kind: "issue-opened",
  issue: issue({ title: TITLE, body: "token=abc in /var/log", labels }),
  actor: { login: "outsider", isBot: false },
  permission,
});
const comments = (actions: Action[]) =>
  actions.filter(
    (action): action is Extract<Action, { kind: "comment" }> => action.kind === "comment",
  );
const notifications = (actions: Action[]): Notification[] =>
  actions.flatMap((action) => (action.kind === "notify" ? [action.notification] : []));
const engaging = config({
  security: { ...config().security, engage: ["sec-lead", "appsec"] },
  notifications: { slackUsers: { "sec-lead": "U0SEC" } },
});

describe("a report labelled only `security` is passed to the team responsible, as the reply says", () => {
  it("the reporter's reply mentions security.engage, and they are messaged directly, under a codename", () => {
    const { incident, actions } = decide(undefined, report("read"), engaging, NOW);
    expect(incident).toBeUndefined(); // no severity yet: nothing is declared
    const [reply, ...more] = comments(actions);
    expect(more).toEqual([]);
    expect(reply!.body).toContain("passed to the team responsible");
    expect(reply!.body).toMatch(/\n\n🔒 Engaged: @sec-lead @appsec\.$/);
    const [notice, ...others] = notifications(actions);
    expect(others).toEqual([]);
    expect(notice).toMatchObject({
      kind: "security-report",
      targets: {
        channels: [],
        users: ["sec-lead", "appsec"],
        slackIds: { "sec-lead": "U0SEC" },
        emails: [],
        page: false,
        onlyTargets: true,
      },
    });
    // The report's title stays on the issue: messages name it by a codename.
    expect(notice!.title).toMatch(/^Security report [a-z]+-[a-z]+$/);
    expect(JSON.stringify(notice)).not.toContain("Session tokens");
  });

  it("a team member's report gets no thanks, but the engagement all the same", () => {
    const { actions } = decide(undefined, report("write"), engaging, NOW);
    expect(comments(actions).map((comment) => [comment.key, comment.body])).toEqual([
      ["security-engage", "🔒 Engaged: @sec-lead @appsec."],
    ]);
    expect(notifications(actions).map((sent) => sent.targets.users)).toEqual([
      ["sec-lead", "appsec"],
    ]);
  });

  it("with nobody in security.engage, the component's owners (or the fallback owners) are engaged", () => {
    const cfg = config({
      components: {
        ...config().components,
        owners: { auth: ["auth-em"] },
        fallbackOwners: ["cto"],
      },
    });
    const owned = decide(undefined, report("read", ["security", "component::auth"]), cfg, NOW);
    expect(comments(owned.actions)[0]!.body).toMatch(/Engaged: @auth-em\.$/);
    const unowned = decide(undefined, report("read"), cfg, NOW);
    expect(notifications(unowned.actions)[0]!.targets.users).toEqual(["cto"]);
  });

  it("a drill's security report engages only the drill's participants", () => {
    const cfg = config({
      security: { ...config().security, engage: ["sec-lead", "ana"] },
      drills: { ...config().drills, participants: ["ana"] },
    });
    const { actions } = decide(undefined, report("read", ["security", "drill"]), cfg, NOW);
    expect(comments(actions)[0]!.body).toMatch(/Engaged: @ana\.$/);
    expect(notifications(actions)[0]).toMatchObject({ drill: true, targets: { users: ["ana"] } });
  });
});

describe("the GitHub security form", () => {
  const form = yaml.load(
    readFileSync(
      new URL("../../.github/ISSUE_TEMPLATE/security-report.yml", import.meta.url),
      "utf8",
    ),
  ) as { body: Array<{ type: string; attributes: { value?: string } }> };

  it("warns first that issues are public and links the repository's private vulnerability reporting", () => {
    const first = form.body[0]!;
    expect(first.type).toBe("markdown");
    expect(first.attributes.value).toMatch(/public/i);
    // Relative to the form's page (/OWNER/REPO/issues/new): the repository's own advisory form.
    expect(first.attributes.value).toContain("](../security/advisories/new)");
  });
});

describe("a report labelled `security` after it was opened engages the security people then", () => {
  const labelled = (labels: string[], label: string): DomainEvent => ({
    kind: "issue-labeled",
    issue: issue({ title: "Odd tokens in the logs", body: "token=abc", labels }),
    actor: { login: "triager", isBot: false },
    label,
  });

  it("mentions and messages security.engage, as the team (no thanks to the labeller)", () => {
    const { incident, actions } = decide(
      undefined,
      labelled(["security"], "security"),
      engaging,
      NOW,
    );
    expect(incident).toBeUndefined();
    expect(comments(actions).map((comment) => [comment.key, comment.body])).toEqual([
      ["security-engage", "🔒 Engaged: @sec-lead @appsec."],
    ]);
    expect(notifications(actions).map((sent) => sent.targets.users)).toEqual([
      ["sec-lead", "appsec"],
    ]);
  });

  it("engages them beside a declaration when the incident is already declared", () => {
    const opened = decide(
      undefined,
      { ...report("write", ["severity::2"]), issue: issue({ labels: ["severity::2"] }) },
      engaging,
      NOW,
    );
    expect(opened.incident).toBeDefined();
    const later = decide(
      opened.incident,
      labelled(["severity::2", "Security"], "Security"),
      engaging,
      NOW,
    );
    expect(comments(later.actions).map((comment) => comment.key)).toEqual(["security-engage"]);
  });

  it("on a drill whose label was taken off, engages only the drill's participants", () => {
    const cfg = config({
      security: { ...config().security, engage: ["sec-lead", "ana"] },
      drills: { ...config().drills, participants: ["ana"] },
    });
    const drill = decide(
      undefined,
      { ...report("write"), issue: issue({ labels: ["severity::1", "drill"] }) },
      cfg,
      NOW,
    ).incident;
    expect(drill?.drill).toBe(true);
    const later = decide(drill, labelled(["severity::1", "security"], "security"), cfg, NOW);
    expect(notifications(later.actions).filter((sent) => sent.kind === "security-report")).toEqual([
      expect.objectContaining({
        drill: true,
        targets: expect.objectContaining({ users: ["ana"] }),
      }),
    ]);
  });

  it("another label on a security issue engages nobody again", () => {
    const { actions } = decide(undefined, labelled(["security", "bug"], "bug"), engaging, NOW);
    expect(actions).toEqual([]);
  });
});
