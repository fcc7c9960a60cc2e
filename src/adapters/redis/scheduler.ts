import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../../app/runtime.js";
import type { Scheduler } from "../../ports/event-queue.js";

/**
 * One scheduler across replicas: a BullMQ job scheduler per tick (every replica upserts the same
 * one) puts one job in the queue per interval, and exactly one replica's worker runs it.
 */
export function createRedisScheduler(
  connect: () => Redis,
  log: Logger,
  prefix = "sevbot",
): Scheduler {
  const works = new Map<string, () => Promise<void>>();
  const queue = new Queue("ticks", { connection: connect(), prefix });
  const worker = new Worker(
    "ticks",
    async (job) => {
      const work = works.get(job.name);
      if (work) await work();
    },
    // A replica killed mid-tick must not hold the schedule up for long: its tick lapses in seconds.
    { connection: connect(), prefix, concurrency: 1, lockDuration: 5_000, stalledInterval: 2_000 },
  );
  worker.on("error", (error) => log.warn(`scheduler worker: ${error.message}`));
  queue.on("error", (error) => log.warn(`scheduler: ${error.message}`));
  return {
    every(name, intervalMs, work) {
      works.set(name, work);
      queue
        .upsertJobScheduler(
          name,
          { every: intervalMs },
          { name, opts: { removeOnComplete: true, removeOnFail: true } },
        )
        .catch((error: Error) => log.error(`could not schedule ${name}: ${error.message}`));
    },
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
