import { Queue, Worker, type Job } from "bullmq";
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
  const queue = new Queue<NotificationJob>("notifications", {
    connection: connect(),
    prefix,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 1_000 },
      removeOnComplete: { age: 86_400, count: 50_000 },
      removeOnFail: { age: 7 * 86_400 },
    },
  });
  queue.on("error", (error) => log.warn(`notification queue: ${error.message}`));
  let worker: Worker<NotificationJob> | undefined;
  return {
    async push(job: NotificationJob): Promise<void> {
      await queue.add("notify", job, {
        jobId: bullJobId(`${issueKey(job.source)}_${job.notification.key}`),
        priority: Math.max(1, job.notification.severity),
      });
    },
    /** The hub sends; each notifier retries inside it, so a failure here is reported, not retried. */
    start(send: NotificationSender): void {
      const run = async (job: Job<NotificationJob>) => {
        const failures = await send(job.data);
        // One line per run: a page sent twice shows as two runs of one job, or as two step keys.
        log.info(
          `${issueKey(job.data.source)}: notification ${job.data.notification.kind} ${job.data.notification.key} run ${job.attemptsMade + 1} (stalled ${job.stalledCounter ?? 0}), ${failures.length} notifier(s) failed`,
        );
      };
      worker ??= new Worker<NotificationJob>("notifications", run, {
        connection: connect(),
        prefix,
        concurrency: 16,
        lockDuration: 30_000,
        stalledInterval: 5_000,
      });
      worker.on("error", (error) => log.warn(`notification worker: ${error.message}`));
    },
    async close(): Promise<void> {
      await worker?.close();
      await queue.close();
    },
  };
}
