import { newEventJob, pushEventJob } from "../../app/event-jobs.js";
import type { Runtime } from "../../app/runtime.js";
import { issueKey } from "../../core/model.js";
import type { DeliveryOutcome } from "../../ops/metrics.js";
import { translateGithubEvent, type GithubIssuePayload } from "./translate.js";

/** A verified GitHub webhook: its event name (`X-GitHub-Event`), delivery id and payload. */
export interface GithubDelivery {
  id: string;
  name: string;
  payload: GithubIssuePayload & { installation?: { id: number } };
}

/**
 * What both ways in (sevbot's own route, and Probot's `app.on` in the adapter tests) do with a
 * verified delivery: claim its id, translate it, queue it, and say what became of it. Only
 * small values go into the job, never a client or a context (see installation-clients.ts).
 */
export async function acceptGithubDelivery(
  runtime: Runtime,
  delivery: GithubDelivery,
): Promise<DeliveryOutcome> {
  const { id, name, payload } = delivery;
  if (!(await runtime.dedupe.claim(id))) {
    runtime.log.info(`delivery ${id} already handled; ignoring the duplicate`);
    runtime.metrics.duplicatesDropped.inc({ platform: "github" });
    return counted(runtime, "duplicate");
  }
  const translation = translateGithubEvent(name, payload);
  if (translation.kind === "ignored") return counted(runtime, "ignored");
  const installationId = payload.installation?.id;
  const job = newEventJob(runtime, {
    id: `github_${id}`,
    name: `${name}.${payload.action} ${issueKey(translation.event.issue.ref)} (delivery ${id})`,
    platform: "github",
    ...(installationId !== undefined ? { installationId } : {}),
    repoPrivate: payload.repository.private,
    event: translation.event,
  });
  try {
    await pushEventJob(runtime, job);
  } catch (error) {
    // Not queued: the claim is given back and GitHub gets a 5xx, so a redelivery is not dropped.
    await runtime.dedupe.release?.(id);
    throw error;
  }
  return counted(runtime, "accepted");
}

function counted(runtime: Runtime, outcome: DeliveryOutcome): DeliveryOutcome {
  runtime.metrics.deliveries.inc({ platform: "github", outcome });
  return outcome;
}
