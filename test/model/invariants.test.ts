import { beforeEach, describe, expect, it } from "vitest";
import { marker } from "../../src/core/markers.js";
import type { IssueRef } from "../../src/core/model.js";
import { readStateBlock, withStateBlock } from "../../src/core/state-block.js";
import { REPO } from "./configs.js";
import { createChecker } from "./invariants.js";
import { applyStep } from "./steps.js";
import { createWorld, logOf, type World } from "./world.js";

/**
 * Each invariant of the model test can fail: the world is sabotaged the way a defect would, and
 * the checker must say so. (The invariants tied to a known defect also fail on today's code with
 * SEVBOT_MODEL_STRICT=<defect>; see known-defects.ts.)
 */
const SOURCE: IssueRef = { platform: "github", repo: REPO, number: 2 };

let world: World;
let checker: ReturnType<typeof createChecker>;

beforeEach(async () => {
  world = createWorld();
  checker = createChecker(world);
  await applyStep(world, { kind: "config", variant: "team" });
  await applyStep(world, {
    kind: "open",
    by: "ada",
    labels: ["severity::1"],
    title: "Checkout returns 500",
    body: "",
  });
  expect(checker.check()).toEqual([]);
});

const broken = (invariant: string, saying = "") =>
  expect.arrayContaining([
    expect.objectContaining({ invariant, message: expect.stringContaining(saying) }),
  ]);

describe("the model's invariants catch what they are about", () => {
  it("a second log issue for one source issue", async () => {
    const log = logOf(world.store, 2)!;
    await world.forge.createIssue(REPO, {
      title: "again",
      body: log.issue.body ?? "",
      labels: ["incident-log"],
    });
    expect(checker.check()).toEqual(broken("one checklist and one log issue"));
  });

  it("a declared severity with no checklist once errors stopped", async () => {
    const repo = world.repo(REPO);
    repo.comments = repo.comments.filter((comment) => comment.user.type !== "Bot");
    expect(checker.checkSettled()).toEqual(broken("one checklist and one log issue"));
  });

  it("one comment key written twice on an issue", async () => {
    await world.forge.createComment(SOURCE, `again\n\n${marker("esc-1-s0-comment")}`);
    await world.forge.createComment(SOURCE, `again\n\n${marker("esc-1-s0-comment")}`);
    expect(checker.check()).toEqual(broken("no comment key written twice"));
  });

  it("a mention of someone nobody configured; neutralised or quoted as code it is fine", async () => {
    await world.forge.createComment(SOURCE, "said @\u2060mallory and `@mallory`");
    expect(checker.check()).toEqual([]);
    await world.forge.createComment(SOURCE, "thanks @mallory");
    expect(checker.check()).toEqual(broken("only configured people are mentioned"));
  });

  it("a timeline entry lost from the log", async () => {
    const { issue } = logOf(world.store, 2)!;
    const read = readStateBlock(issue.body ?? "");
    if (read.kind !== "ok") throw new Error("no state");
    issue.body = withStateBlock(issue.body ?? "", { ...read.incident, timeline: [] });
    expect(checker.check()).toEqual(broken("the timeline only grows"));
  });

  it("a stack trace in a comment", async () => {
    await world.forge.createComment(SOURCE, "Error: boom\n    at decide (src/core/decide.ts:12:3)");
    expect(checker.check()).toEqual(broken("no stack trace reaches a user"));
  });

  it("an escalation due at a clean pass and not done, or recorded and never sent", async () => {
    world.advance(11 * 60_000);
    world.ticks.push({ at: world.now, clean: true, logged: [2], errors: [] });
    expect(checker.check()).toEqual(broken("a due escalation happens at the next tick", "s1 due"));
    world.notifications.length = 0;
    world.ticks.push({ at: world.now, clean: true, logged: [2], errors: [] });
    expect(checker.check()).toEqual(
      broken("a due escalation happens at the next tick", "never sent"),
    );
  });

  it("PagerDuty acknowledging what it was never asked to trigger", async () => {
    world.services.requests.push({
      service: "pagerduty",
      body: { event_action: "acknowledge", dedup_key: "github:acme/shop#9" },
    });
    expect(checker.check()).toEqual(broken("PagerDuty acknowledge/resolve only after a trigger"));
  });

  it("a drill that reaches a pager", async () => {
    await applyStep(world, {
      kind: "open",
      by: "ada",
      labels: ["severity::2", "drill"],
      title: "Practice",
      body: "",
    });
    expect(checker.check()).toEqual([]);
    const { notification } = world.notifications.at(-1)!;
    world.services.requests.push({
      service: "pagerduty",
      body: { event_action: "trigger", dedup_key: notification.incidentKey },
      notification,
    });
    expect(checker.check()).toEqual(broken("no drill output escapes", "PagerDuty"));
  });

  it("a time to acknowledge that moves after the first acknowledgement", async () => {
    await applyStep(world, { kind: "comment", issue: 0, onLog: false, by: "ada", lines: ["/ack"] });
    expect(checker.check()).toEqual([]);
    const { issue } = logOf(world.store, 2)!;
    const read = readStateBlock(issue.body ?? "");
    if (read.kind !== "ok") throw new Error("no state");
    const later = new Date(Date.parse(read.incident.acknowledgedAt!) + 60_000).toISOString();
    issue.body = withStateBlock(issue.body ?? "", { ...read.incident, acknowledgedAt: later });
    expect(checker.check()).toEqual(broken("metrics come from the first acknowledgement"));
  });

  it("a status reminder right after an acknowledgement", async () => {
    await applyStep(world, { kind: "comment", issue: 0, onLog: false, by: "ada", lines: ["/ack"] });
    expect(checker.check()).toEqual([]);
    world.advance(60_000);
    await world.forge.createComment(SOURCE, `late\n\n${marker("status-reminder-1")}`);
    expect(checker.check()).toEqual(broken("no status reminder within the cadence"));
  });

  it("escalation silent for hours while unacknowledged, and a pass that ends the process", async () => {
    world.advance(6 * 3_600_000);
    world.ticks.push({
      at: world.now,
      clean: true,
      logged: [2],
      errors: [],
      crashed: new Error("x"),
    });
    const violations = checker.check();
    expect(violations).toEqual(broken("escalation never stops silently while unacknowledged"));
    expect(violations).toEqual(broken("no forge error ends the process"));
  });

  it("an event that still fails once forge errors stopped", async () => {
    world.history.push({
      ...world.history[0]!,
      outcome: "pending",
      onlyForgeErrors: false,
      bug: new Error("boom"),
    });
    expect(checker.checkSettled()).toEqual(broken("every event is handled once forge errors stop"));
  });
});
