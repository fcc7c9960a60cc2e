import type { DomainEvent } from "../core/events.js";
import { issueKey, type Platform } from "../core/model.js";
import { newEventJob } from "./event-jobs.js";
import type { Runtime } from "./runtime.js";

/**
 * Work from outside the forge (PagerDuty, Slack, alerts) goes on the same queue as webhooks, to
 * the platform of the issue it names; false when this server does not serve that platform. The
 * job id is deterministic, so a delivery sent to two replicas is one job. It runs first: an
 * acknowledgement stops pages.
 */
export function createRemoteDispatch(runtime: Runtime, platforms: readonly Platform[]) {
  return async (event: DomainEvent, jobId: string): Promise<boolean> => {
    const { platform } = event.issue.ref;
    if (!platforms.includes(platform)) return false;
    const job = newEventJob(runtime, {
      id: jobId,
      name: `${jobId} ${event.kind} ${issueKey(event.issue.ref)}`,
      platform,
      event,
    });
    await runtime.events.push({ ...job, priority: 1 });
    return true;
  };
}
