import { startSandbox } from "../sandbox/index.js";
import { startServerProcess } from "../scenario/server-process.js";
import { isPolling } from "../scenario/settle.js";
import { loadWebhooks } from "./load.js";
import { labeledPayload, metricSum } from "./payload.js";

export interface StormRow {
  deliveries: number;
  issues: number;
  non2xx: number;
  /** Jobs the worker ran (`sevbot_action_duration_seconds_count`). */
  jobsRun: number;
  /** Deliveries merged into a job already waiting for the same issue. */
  coalesced: number;
  /** Forge requests, tokens and config reads left out. */
  forgeRequests: number;
  /** From the first delivery sent to the last job finished. */
  drainMs: number | undefined;
}

/**
 * `deliveries` signed `issues.labeled` (severity::1) deliveries, each under a fresh delivery id,
 * spread over `issues` issues: 1 is a redelivery storm of one emergency, `deliveries` is a burst of
 * as many emergencies. Bounded: gives up waiting for the drain after `timeoutMs`.
 */
export async function measureStorm(
  secret: string,
  options: { deliveries: number; issues: number; concurrency: number; timeoutMs?: number },
): Promise<StormRow> {
  const { deliveries, issues, concurrency } = options;
  const repo = "acme/storm";
  const sandbox = await startSandbox({ webhookSecret: secret });
  sandbox.createRepo(repo, {});
  const server = await startServerProcess({ gheHost: sandbox.gheHost, webhookSecret: secret });
  const payloads = Array.from({ length: issues }, (_, index) =>
    labeledPayload(repo, "severity::1", index + 1),
  );
  try {
    // sevbot sees the issues opened, as it would in production (their declarations then skip
    // the search for an earlier log); the flood is measured from a drained queue.
    sandbox.setWebhookUrl(server.webhookUrl);
    // created_at has whole seconds: only issues created after sevbot started get a token.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (let index = 1; index <= issues; index++)
      await sandbox.openIssue(repo, { as: "reporter", title: `Storm ${index}` });
    await sandbox.idle();
    const before = await waitForDrain(server.url, performance.now(), 120_000);
    const requestsBefore = sandbox.requests.length;
    const started = performance.now();
    const load = await loadWebhooks(
      server.webhookUrl,
      secret,
      (index) => payloads[index % issues]!,
      deliveries,
      concurrency,
    );
    const drained = await waitForDrain(server.url, started, options.timeoutMs ?? 600_000);
    const counted = sandbox.requests
      .slice(requestsBefore)
      .filter((request) => !isPolling(request) && !request.path.includes("/contents/"));
    return {
      deliveries,
      issues,
      non2xx: load.failures,
      jobsRun: drained.jobs - before.jobs,
      coalesced: drained.coalesced - before.coalesced,
      forgeRequests: counted.length,
      drainMs: drained.atMs,
    };
  } finally {
    await server.stop();
    await sandbox.close();
  }
}

/** Polls `/metrics` until the queue is empty and no job finished for a second. */
async function waitForDrain(url: string, started: number, timeoutMs: number) {
  let jobs = -1;
  let coalesced = 0;
  let changedAt = performance.now();
  while (performance.now() - started < timeoutMs) {
    const text = await fetch(`${url}/metrics`).then((response) => response.text());
    const now = metricSum(text, "sevbot_action_duration_seconds_count");
    coalesced = metricSum(text, "sevbot_events_coalesced_total");
    if (now !== jobs) {
      jobs = now;
      changedAt = performance.now();
    } else if (metricSum(text, "sevbot_queue_depth") === 0 && performance.now() - changedAt > 1000)
      return { jobs, coalesced, atMs: changedAt - started };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { jobs, coalesced, atMs: undefined };
}
