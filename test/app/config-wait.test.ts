import { describe, expect, it } from "vitest";
import {
  createConfigCache,
  readConfigCached,
  type ConfigWait,
} from "../../src/app/config-cache.js";
import { handleEvent, type HandleEventDeps } from "../../src/app/handle-event.js";
import { defaultConfig, type LoadedConfig } from "../../src/config/load.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { IssueRef } from "../../src/core/model.js";
import type { Forge } from "../../src/ports/forge.js";
import type { Sandbox } from "../../src/sandbox/index.js";
import { eventDeps, eachTestWithSev1, sev1Labeled, SEV1_REPO } from "../helpers/sandbox-forge.js";

const REPO = SEV1_REPO;
const FILE = ".github/sevbot.yml";
const RECEIVED = "2026-12-01T10:00:00.000Z";

/** The wait for an unreadable config counts from the event's receipt, across the job's attempts. */
describe("an event's wait for its config is measured from its receipt", () => {
  let sandbox: Sandbox;
  let forge: Forge;
  let source: IssueRef;

  eachTestWithSev1((fresh) => ({ sandbox, forge, source } = fresh));

  function depsAt(spentMs: number, budgets: number[], configWaitMs?: number): HandleEventDeps {
    const outage = async (): Promise<LoadedConfig> => {
      throw Object.assign(new Error("Service Unavailable"), { status: 503 });
    };
    return eventDeps(forge, () => new Date(Date.parse(RECEIVED) + spentMs), {
      ...(configWaitMs === undefined ? {} : { configWaitMs }),
      loadConfig: (repo, wait?: ConfigWait) => {
        budgets.push(wait!.budgetMs);
        return readConfigCached(
          createConfigCache(0),
          repo,
          0,
          FILE,
          outage,
          () => ({ config: defaultConfig() }),
          wait,
        );
      },
    });
  }

  const labeled = (): Promise<DomainEvent> => sev1Labeled(forge, source);

  it("by default 15 s in all: 14.5 s after receipt, half a second is left", async () => {
    const budgets: number[] = [];
    await handleEvent(depsAt(14_500, budgets), await labeled(), RECEIVED);
    expect(budgets).toEqual([500]);
  });

  it("a job retried 10 s after receipt waits only what is left of the 10.6 s, then declares on the defaults", async () => {
    const budgets: number[] = [];
    const deps = depsAt(10_000, budgets, 10_600);
    const event = await labeled();
    const started = performance.now();
    const outcome = await handleEvent(deps, event, RECEIVED);
    const took = performance.now() - started;

    expect(budgets).toEqual([600]);
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(1_500);
    expect(outcome).toMatchObject({ kind: "handled", incident: { provisionalConfig: true } });
    const comments = sandbox.comments(REPO, 1).map((comment) => comment.body ?? "");
    expect(comments[0]).toMatch(
      /^Could not read \.github\/sevbot\.yml \(HTTP 503: Service Unavailable\)/,
    );
    expect(comments.filter((body) => body.includes("sevbot:checklist"))).toHaveLength(1);
  });

  it("an event the defaults find irrelevant (the repository spells severities P1) is retried, not dropped", async () => {
    const budgets: number[] = [];
    const number = await sandbox.openIssue(REPO, { as: "dana", title: "Down", labels: ["P1"] });
    const event: DomainEvent = {
      kind: "issue-labeled",
      issue: await forge.getIssue({ platform: "github", repo: REPO, number }),
      actor: { login: "dana", isBot: false },
      label: "P1",
    };
    await expect(handleEvent(depsAt(15_000, budgets), event, RECEIVED)).rejects.toThrow(
      /cannot tell whether this event concerns an incident .*; will retry/,
    );
    expect(sandbox.comments(REPO, number)).toEqual([]);
  });
});
