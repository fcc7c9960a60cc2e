import { describe, expect, it } from "vitest";
import { isUnusableRepository } from "../../src/app/retry-policy.js";
import { openLogsIn } from "../../src/app/tracker-fallback.js";
import type { IssueSnapshot } from "../../src/core/events.js";
import type { Forge } from "../../src/ports/forge.js";
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

describe("the scheduler's listing of a tracker that cannot be used", () => {
  const failure = (status: number, message: string) =>
    Object.assign(new Error(message), { status });
  /** Only `listOpenIssues`: each repository's open logs by name, or the error it answers. */
  const forgeWith = (repos: Record<string, string[] | Error>) => {
    const listed: string[] = [];
    const listOpenIssues = async (repo: string) => {
      listed.push(repo);
      const answer = repos[repo];
      if (answer === undefined || answer instanceof Error)
        throw answer ?? failure(404, "Not Found");
      return answer.map((title) => ({ title }) as IssueSnapshot);
    };
    return { forge: { listOpenIssues } as unknown as Forge, listed };
  };
  const titles = (logs: IssueSnapshot[]) => logs.map((log) => log.title);

  it("a tracker that is fine is the only one listed", async () => {
    const { forge, listed } = forgeWith({ "acme/incidents": ["a"], "acme/shop": ["b"] });
    expect(titles(await openLogsIn(forge, "acme/incidents", "incident", ["acme/shop"]))).toEqual([
      "a",
    ]);
    expect(listed).toEqual(["acme/incidents"]);
  });

  it("a tracker that does not exist: the logs its repositories kept at home are listed", async () => {
    const { forge } = forgeWith({ "acme/shop": ["b"], "acme/cart": ["c"] });
    const logs = await openLogsIn(forge, "acme/incidnets", "incident", ["acme/shop", "acme/cart"]);
    expect(titles(logs)).toEqual(["b", "c"]);
  });

  it("a tracker failing with a 5xx fails the listing (the next tick tries again)", async () => {
    const { forge } = forgeWith({ "acme/incidents": failure(502, "Bad Gateway"), "acme/shop": [] });
    await expect(openLogsIn(forge, "acme/incidents", "incident", ["acme/shop"])).rejects.toThrow(
      "Bad Gateway",
    );
  });
});
