import type { Platform } from "../core/model.js";
import type { EventQueue, EventRunner } from "../ports/event-queue.js";
import type { WorkQueue } from "./work-queue.js";

/** The in-process EventQueue: jobs run on this process's priority work queue. */
export function createLocalEventQueue(work: WorkQueue): EventQueue {
  const runners = new Map<Platform, EventRunner>();
  return {
    async push(job) {
      work.push({
        name: job.name,
        priority: job.priority,
        run: async () => {
          const runner = runners.get(job.platform);
          if (!runner) throw new Error(`no runner for ${job.platform} jobs`);
          await runner(job);
        },
      });
    },
    handle(platform, runner) {
      runners.set(platform, runner);
    },
    idle: () => work.idle(),
    depth: async () => work.depth,
    close: async () => undefined,
  };
}
