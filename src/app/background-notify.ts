import type { DomainEvent } from "../core/events.js";
import { issueKey, type IssueRef } from "../core/model.js";
import type { Notification } from "../core/notification.js";
import type { EventJob, JobContext } from "../ports/event-queue.js";
import type { NotifyFailure } from "./execute.js";
import type { Runtime } from "./runtime.js";

export type { JobContext };

/**
 * Sends through the runtime's notifier hub; when a notifier finally fails, a `notification-failed`
 * event goes on the work queue like everything else and lands in the incident's timeline.
 */
export async function sendNotification(
  runtime: Runtime,
  notification: Notification,
  source: IssueRef,
  context: JobContext,
): Promise<NotifyFailure[]> {
  const failures = await runtime.notify(notification);
  if (failures.length === 0) return failures;
  const event: DomainEvent = {
    kind: "notification-failed",
    issue: {
      ref: source,
      title: "",
      body: "",
      labels: [],
      state: "open",
      author: "",
      url: notification.url,
      confidential: false,
    },
    actor: { login: "sevbot-notifier", isBot: false },
    failures,
  };
  const job: EventJob = {
    ...context,
    id: `notify-failed_${issueKey(source)}_${notification.key}`,
    name: `notification-failed ${issueKey(source)}`,
    priority: notification.severity,
    event,
  };
  await runtime.events
    .push(job)
    .catch((error: Error) => runtime.log.error(`could not queue ${job.name}: ${error.message}`));
  return failures;
}

/**
 * In one process, sent in the background without waiting. With replicas, queued as a durable
 * job for any replica to send (awaited: `executeAndSave` has it in Redis before its first write).
 */
function notifyInBackground(
  runtime: Runtime,
  context: JobContext,
): (notification: Notification, source: IssueRef) => void | Promise<void> {
  return (notification, source) => {
    if (runtime.queueNotification)
      return runtime.queueNotification({ notification, source, context });
    void sendNotification(runtime, notification, source, context);
  };
}

/** The notification half of a job's dependencies: how to notify, and whether that is durable. */
export function notificationDeps(
  runtime: Runtime,
  context: JobContext,
): { notify: ReturnType<typeof notifyInBackground>; notifyDurably: boolean } {
  return {
    notify: notifyInBackground(runtime, context),
    notifyDurably: runtime.queueNotification !== undefined,
  };
}
