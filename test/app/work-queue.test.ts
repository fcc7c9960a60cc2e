import { describe, expect, it } from "vitest";
import { isPermanentFailure } from "../../src/app/retry-policy.js";
import { createWorkQueue } from "../../src/app/work-queue.js";

const failing = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

function queue(concurrency = 1) {
  const errors: Array<{ name: string; attempt: number; willRetry: boolean }> = [];
  const work = createWorkQueue({
    concurrency,
    maxAttempts: 100,
    backoffMs: 1,
    maxBackoffMs: 1,
    isPermanent: isPermanentFailure,
    sleep: async () => undefined,
    onError: (job, _error, attempt, willRetry) =>
      errors.push({ name: job.name, attempt, willRetry }),
  });
  return { work, errors };
}

describe("in-process work queue", () => {
  it("keeps retrying through a long run of 5xx and rate limits until the forge answers", async () => {
    const { work, errors } = queue();
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls < 40) throw failing(calls % 2 ? 502 : 429);
    };
    work.push({ name: "declare", priority: 1, run: flaky });
    await work.idle();
    expect(calls).toBe(40);
    expect(errors.every((error) => error.willRetry)).toBe(true);
  });

  it("does not repeat a request the forge refused for good (404, 422)", async () => {
    const { work, errors } = queue();
    work.push({
      name: "gone",
      priority: 1,
      run: async () => {
        throw failing(404);
      },
    });
    work.push({
      name: "invalid",
      priority: 1,
      run: async () => {
        throw failing(422);
      },
    });
    await work.idle();
    expect(errors).toEqual([
      { name: "gone", attempt: 1, willRetry: false },
      { name: "invalid", attempt: 1, willRetry: false },
    ]);
  });

  it("runs the worst severity first once work queues up", async () => {
    const { work } = queue();
    const ran: string[] = [];
    let release!: () => void;
    work.push({
      name: "busy",
      priority: 4,
      run: () => new Promise<void>((resolve) => (release = resolve)),
    });
    for (const [name, priority] of [
      ["sev4", 4],
      ["sev2", 2],
      ["sev1", 1],
      ["sev3", 3],
    ] as const)
      work.push({ name, priority, run: async () => void ran.push(name) });
    release();
    await work.idle();
    expect(ran).toEqual(["sev1", "sev2", "sev3", "sev4"]);
  });

  it("tells timing problems from permanent refusals", () => {
    expect(
      [401, 403, 408, 409, 429, 500, 502].map((status) => isPermanentFailure(failing(status))),
    ).toEqual([false, false, false, false, false, false, false]);
    expect([400, 404, 410, 422].map((status) => isPermanentFailure(failing(status)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(isPermanentFailure(new Error("socket hang up"))).toBe(false);
  });
});
