import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { NotifyFailure } from "../../app/execute.js";
import type { Logger } from "../../app/runtime.js";
import { issueKey } from "../../core/model.js";
import type { NotificationJob } from "../../ports/event-queue.js";
import { bullJobId } from "./event-queue.js";

export type NotificationSender = (job: NotificationJob) => Promise<NotifyFailure[]>;

/**
 * Pages as durable jobs: queued before the job that decided them ends, sent by whichever replica
 * takes them, one id per incident and step — so a replica killed mid-job neither loses a page nor,
 * when the job is retried elsewhere, sends it twice.
 */
export function createRedisNotificationQueue(connect: () => Redis, log: Logger, prefix = "sevbot") {
  const queue = new Queue<NotificationJob>("notifications", { connection: connect(), prefix, defaultJobOptions: { attempts: 3, backoff: { type: "exponential", delay: 1_000 }, removeOnComplete: { age: 86_400, count: 50_000 }, removeOnFail: { age: 7 * 86_400 } } });
  queue.on("error", (error) => log.warn(`notification queue: ${error.message}`));
  let worker: Worker<NotificationJob> | undefined;
  return {
    async push(job: NotificationJob): Promise<void> {
      await queue.add("notify", job, { jobId: bullJobId(`${issueKey(job.source)}_${job.notification.key}`), priority: Math.max(1, job.notification.severity) });
    },
    /** The hub sends; each notifier retries inside it, so a failure here is reported, not retried. */
    start(send: NotificationSender): void {
      worker ??= new Worker<NotificationJob>("notifications", async (job) => void (await send(job.data)), { connection: connect(), prefix, concurrency: 16, lockDuration: 30_000, stalledInterval: 5_000 });
      worker.on("error", (error) => log.warn(`notification worker: ${error.message}`));
    },
    async close(): Promise<void> {
      await worker?.close();
      await queue.close();
    },
  };
}
