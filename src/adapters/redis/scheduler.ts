import { Queue, Worker, type ConnectionOptions } from "bullmq";
import type { Logger } from "../../app/runtime.js";
import type { Scheduler } from "../../ports/event-queue.js";

/**
 * One scheduler across replicas: a BullMQ job scheduler per tick (every replica upserts the same
 * one) puts one job in the queue per interval, and exactly one replica's worker runs it.
 */
export function createRedisScheduler(connection: ConnectionOptions, log: Logger, prefix = "sevbot"): Scheduler {
  const works = new Map<string, () => Promise<void>>();
  const queue = new Queue("ticks", { connection, prefix });
  const worker = new Worker(
    "ticks",
    async (job) => {
      const work = works.get(job.name);
      if (work) await work();
    },
    { connection, prefix, concurrency: 1, lockDuration: 30_000 },
  );
  worker.on("error", (error) => log.warn(`scheduler worker: ${error.message}`));
  queue.on("error", (error) => log.warn(`scheduler: ${error.message}`));
  return {
    every(name, intervalMs, work) {
      works.set(name, work);
      queue.upsertJobScheduler(name, { every: intervalMs }, { name, opts: { removeOnComplete: true, removeOnFail: true } }).catch((error: Error) => log.error(`could not schedule ${name}: ${error.message}`));
    },
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
