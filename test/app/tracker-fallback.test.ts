import { describe, expect, it } from "vitest";
import { isUnusableRepository } from "../../src/app/retry-policy.js";
import { hasMarker, logIssueMarker } from "../../src/core/markers.js";
import { REPO, TRACKER } from "../model/configs.js";
import { applyStep, type Step } from "../model/steps.js";
import { botIssues } from "../model/view.js";
import { createWorld, type World } from "../model/world.js";

/**
 * The configured tracker refusing the log issue for good (here the create itself, as when the
 * declaration skipped the earlier-log search) moves the log to the source repository, once.
 */
const SOURCE = 2; // the first issue opened after the architecture meeting's agenda (#1)

const failingCreate = (status: number): Step => ({
  kind: "fault",
  op: "createIssue",
  status,
  afterWrite: false,
  count: 1,
});

async function declare(fault: Step, labels: string[]): Promise<World> {
  const world = createWorld();
  await applyStep(world, { kind: "config", variant: "tracker" });
  await applyStep(world, fault);
  await applyStep(world, { kind: "open", by: "ada", labels, title: "Checkout 500", body: "" });
  return world;
}

const logRepos = (world: World) => {
  const wanted = logIssueMarker({ platform: "github", repo: REPO, number: SOURCE });
  return botIssues(world)
    .filter(({ issue }) => (issue.body ?? "").includes(wanted))
    .map(({ repo }) => repo.fullName);
};

const sourceComments = (world: World, key: string) =>
  world
    .repo(REPO)
    .comments.filter(
      (c) => c.issueNumber === SOURCE && c.user.type === "Bot" && hasMarker(c.body, key),
    );

describe("a tracker that refuses the log issue for good", () => {
  it("404 on the create: the log is in the source repository, the checklist and one notice say so", async () => {
    const world = await declare(failingCreate(404), ["severity::1"]);
    expect(logRepos(world)).toEqual([REPO]);
    expect(sourceComments(world, "checklist")).toHaveLength(1);
    const notices = sourceComments(world, "tracker-fallback");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain(`\`${TRACKER}\``);
    expect(sourceComments(world, "job-dropped")).toEqual([]);
  });

  it("a 503 is retried in the tracker: no fallback", async () => {
    const world = await declare(failingCreate(503), ["severity::1"]);
    await world.drain(); // the queue's retry
    expect(logRepos(world)).toEqual([TRACKER]);
    expect(sourceComments(world, "tracker-fallback")).toEqual([]);
  });

  it("a security incident (confidential) never moves its log to the source repository", async () => {
    const world = await declare(failingCreate(404), ["severity::1", "security"]);
    expect(logRepos(world)).toEqual([]);
    expect(sourceComments(world, "tracker-fallback")).toEqual([]);
  });
});

describe("which refusals make a repository unusable", () => {
  const failure = (status: number, message: string) =>
    Object.assign(new Error(message), { status });

  it("404, 410 and a missing permission do; 5xx, timeouts and rate limits do not", () => {
    expect(isUnusableRepository(failure(404, "Not Found"))).toBe(true);
    expect(isUnusableRepository(failure(410, "Gone"))).toBe(true);
    expect(
      isUnusableRepository(failure(403, "Resource not accessible by integration - https://x")),
    ).toBe(true);
    expect(isUnusableRepository(failure(403, "You have exceeded a secondary rate limit"))).toBe(
      false,
    );
    expect(isUnusableRepository(failure(502, "Bad Gateway"))).toBe(false);
    expect(isUnusableRepository(failure(408, "Request Timeout"))).toBe(false);
    expect(isUnusableRepository(failure(422, "Validation Failed"))).toBe(false);
  });
});
