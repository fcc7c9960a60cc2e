import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLocalEventQueue } from "../../src/app/local-event-queue.js";
import { createWorkQueue, type Job, type WorkQueue } from "../../src/app/work-queue.js";
import type { EventJob } from "../../src/ports/event-queue.js";

/** A labelled event on one issue; `delivery` makes each push a fresh delivery id. */
function labelJob(issue: number, label: string, delivery: number): EventJob {
  return {
    id: `github_delivery-${delivery}`,
    name: `labeled ${label} #${issue}`,
    priority: 1,
    platform: "github",
    installationId: 1,
    event: {
      kind: "issue-labeled",
      label,
      actor: { login: "kim", isBot: false },
      issue: {
        ref: { platform: "github", repo: "acme/shop", number: issue },
        title: "Checkout down",
        body: "",
        labels: [label],
        state: "open",
        author: "kim",
        url: "",
        confidential: false,
      },
    },
  };
}

/** A work queue that runs nothing until told: the test decides when each job starts. */
function steppedWorkQueue(): WorkQueue & { startNext(): Promise<boolean> } {
  const pending: Job[] = [];
  return {
    push: (job) => void pending.push(job),
    idle: async () => undefined,
    get depth() {
      return pending.length;
    },
    async startNext() {
      const job = pending.shift();
      if (!job) return false;
      await job.run();
      return true;
    },
  };
}

const key = (job: EventJob) =>
  `${job.event.issue.ref.number}:${"label" in job.event ? job.event.label : ""}`;

describe("coalescing identical events per issue (in-process queue)", () => {
  it("a storm of 1,000 fresh deliveries of one label on one issue runs the event once, while 1,000 issues run 1,000 times", async () => {
    for (const [issues, expected] of [
      [1, 1],
      [1_000, 1_000],
    ] as const) {
      const work = createWorkQueue({
        concurrency: 8,
        maxAttempts: 1,
        backoffMs: 1,
        onError: () => undefined,
      });
      const queue = createLocalEventQueue(work);
      let runs = 0;
      // Each run takes a few milliseconds, as a forge read would: the storm arrives faster.
      queue.handle("github", async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      });
      const outcomes = [];
      for (let delivery = 0; delivery < 1_000; delivery++) {
        outcomes.push(await queue.push(labelJob(delivery % issues, "severity::1", delivery)));
      }
      await queue.idle();
      // One storm: the first delivery runs, one identical job waits for it, the rest coalesce.
      expect(runs).toBe(expected === 1 ? 2 : expected);
      expect(outcomes.filter((outcome) => outcome === "coalesced")).toHaveLength(1_000 - runs);
    }
  });

  it("a storm re-runs its event at most once per gap, and idle() waits for the last re-run", async () => {
    const work = createWorkQueue({
      concurrency: 8,
      maxAttempts: 1,
      backoffMs: 1,
      onError: () => undefined,
    });
    const gapMs = 80;
    const queue = createLocalEventQueue(work, { rerunGapMs: gapMs });
    const starts: number[] = [];
    queue.handle("github", async () => {
      starts.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    // 300 ms of one delivery every 3 ms: back to back, that would be a run every ~6 ms.
    let lastPush = 0;
    for (let delivery = 0; delivery < 100; delivery++) {
      await queue.push(labelJob(1, "severity::1", delivery));
      lastPush = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await queue.idle();
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(Math.ceil((lastPush - starts[0]!) / gapMs) + 2);
    for (let run = 1; run < starts.length; run++)
      expect(starts[run]! - starts[run - 1]!).toBeGreaterThanOrEqual(gapMs - 2);
    // Nothing lost: the last delivery is covered by a run that began after it.
    expect(starts.at(-1)!).toBeGreaterThan(lastPush);
    expect(await queue.depth()).toBe(0);
  });

  it("never loses an event: every push is followed by a run of the same event, and at most one identical job waits", async () => {
    const step = fc.oneof(
      fc.record({
        push: fc.record({
          issue: fc.integer({ min: 1, max: 3 }),
          label: fc.constantFrom("a", "b"),
        }),
      }),
      fc.record({ start: fc.constant(true) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const work = steppedWorkQueue();
        const queue = createLocalEventQueue(work);
        const started: string[] = [];
        queue.handle("github", async (job) => void started.push(key(job)));
        // For each event, the index in `started` a run must reach to cover the latest push.
        const owed = new Map<string, number>();
        let delivery = 0;
        for (const entry of steps) {
          if ("start" in entry) {
            await work.startNext();
            continue;
          }
          const job = labelJob(entry.push.issue, entry.push.label, delivery++);
          await queue.push(job);
          owed.set(key(job), started.length);
          expect(work.depth).toBeLessThanOrEqual(6);
        }
        while (await work.startNext());
        for (const [event, from] of owed) expect(started.slice(from)).toContain(event);
      }),
      { numRuns: 300 },
    );
  });
});
