import { describe, expect, it } from "vitest";
import { hasMarker, logIssueMarker, marker } from "../../src/core/markers.js";
import { readStateBlock } from "../../src/core/state-block.js";
import { REPO, TRACKER } from "../model/configs.js";
import { applyStep, type Step } from "../model/steps.js";
import { botIssues } from "../model/view.js";
import { createWorld, START, type World } from "../model/world.js";

/**
 * Found by the model test (test/model): what a declaring job opened before it failed, found again
 * by the attempts and events after it, wherever the config's tracker points by then.
 */
const SOURCE = 2; // the first issue opened after the architecture meeting's agenda (#1)

const open = (label: string): Step => ({
  kind: "open",
  by: "ada",
  labels: [label],
  title: "Checkout returns 500",
  body: "",
});
const failing = (op: "createComment" | "removeLabel", status: number): Step => ({
  kind: "fault",
  op,
  status,
  afterWrite: false,
  count: 1,
});

async function play(steps: Step[]): Promise<World> {
  const world = createWorld();
  for (const step of steps) await applyStep(world, step);
  return world;
}

function logs(world: World) {
  const wanted = logIssueMarker({ platform: "github", repo: REPO, number: SOURCE });
  return botIssues(world)
    .filter(({ issue }) => (issue.body ?? "").includes(wanted))
    .map(({ repo, issue }) => ({ where: `${repo.fullName}#${issue.number}`, body: issue.body! }));
}

function sourceComments(world: World, key: string) {
  return world
    .repo(REPO)
    .comments.filter(
      (c) => c.issueNumber === SOURCE && c.user.type === "Bot" && hasMarker(c.body, key),
    );
}

function stateOf(body: string) {
  const read = readStateBlock(body);
  if (read.kind !== "ok") throw new Error(`no state in the log: ${read.kind}`);
  return read.incident;
}

const timeline = (body: string) => stateOf(body).timeline.map((entry) => entry.text);

describe("a declaration dropped after opening its log (before any comment carried its reference)", () => {
  it("a later raise finds that incident: one log, its timeline kept, checklist and status label written", async () => {
    const world = await play([
      { kind: "config", variant: "team" },
      failing("createComment", 422), // the checklist: dropped for good
      open("severity::2"),
      { kind: "label", issue: 0, label: "severity::1", by: "ada" },
    ]);
    const [log, ...others] = logs(world);
    expect(others).toEqual([]);
    expect(timeline(log!.body)).toEqual([
      expect.stringMatching(/^Sev-2 declared by ada/),
      expect.stringMatching(/^Severity raised by ada: Sev-2 → Sev-1/),
    ]);
    const [checklist, ...again] = sourceComments(world, "checklist");
    expect(again).toEqual([]);
    expect(checklist!.body).toContain(marker(`log-ref github:${log!.where}`));
    expect(
      world
        .repo(REPO)
        .issues.get(SOURCE)!
        .labels.map((label) => label.name),
    ).toContain("incident::active");
  });

  it("the same severity labelled again a minute later declares nothing over it", async () => {
    const world = await play([
      { kind: "config", variant: "team" },
      failing("createComment", 404),
      open("severity::2"),
    ]);
    world.advance(60_000);
    await applyStep(world, { kind: "unlabel", issue: 0, label: "severity::2", by: "ada" });
    await applyStep(world, { kind: "label", issue: 0, label: "severity::2", by: "ada" });
    const [log, ...others] = logs(world);
    expect(others).toEqual([]);
    expect(stateOf(log!.body).declaredAt).toBe(new Date(START).toISOString());
    expect(sourceComments(world, "checklist")).toHaveLength(1);
    const declarations = world.notifications.filter(
      (entry) => entry.notification.kind === "declare",
    );
    expect(declarations).toHaveLength(1);
  });
});

describe("tracker.repository changed between two attempts of a job", () => {
  it("the retry of a declaration whose checklist failed finds the log where it was opened", async () => {
    const world = await play([
      { kind: "config", variant: "tracker" },
      failing("createComment", 502), // the checklist; the job is retried
      open("severity::1"),
      { kind: "config", variant: "team" }, // the retry runs with logs in acme/shop
    ]);
    const [log, ...others] = logs(world);
    expect(others).toEqual([]);
    expect(log!.where).toMatch(new RegExp(`^${TRACKER}#`));
    expect(sourceComments(world, "checklist")[0]!.body).toContain(`github:${log!.where}`);
  });

  it("an incident declared before the move opens its post-mortem beside its log, once", async () => {
    const world = await play([
      { kind: "config", variant: "tracker" },
      open("severity::1"),
      failing("removeLabel", 422), // the close, dropped after its post-mortem
      { kind: "close", issue: 0, by: "ada" },
      { kind: "reopen", issue: 0, by: "ada" },
      { kind: "config", variant: "none" },
      { kind: "close", issue: 0, by: "ada" },
    ]);
    const postMortems = botIssues(world).filter(({ issue }) =>
      (issue.body ?? "").includes(`postMortem-for github:${REPO}#${SOURCE}`),
    );
    expect(postMortems.map(({ repo }) => repo.fullName)).toEqual([TRACKER]);
  });
});
