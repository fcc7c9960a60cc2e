import { startSandbox, type Sandbox } from "../sandbox/index.js";
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
  /** A Sev-1 declared on an issue of another repository: on the drained server, and mid-storm. */
  sev1Elsewhere?: Sev1Elsewhere;
}

/** From the `severity::1` label to sevbot's first comment on that issue (its checklist). */
export interface Sev1Elsewhere {
  /** The baseline: the same Sev-1 on the drained server, just before the storm. */
  quietMs: number | undefined;
  /** Labelled when half of the storm's deliveries had been sent. */
  duringStormMs: number | undefined;
}

/** Its own repository, so its requests (and its log issue's) are told apart from the storm's. */
const ELSEWHERE = "acme/elsewhere";

/**
 * `deliveries` signed `issues.labeled` (severity::1) deliveries, each under a fresh delivery id,
 * spread over `issues` issues: 1 is a redelivery storm of one emergency, `deliveries` is a burst of
 * as many emergencies. With `sev1Elsewhere`, a person also labels an issue of another repository
 * `severity::1`, once on the drained server and once while the storm is being sent. Bounded:
 * gives up waiting for the drain after `timeoutMs`.
 */
export async function measureStorm(
  secret: string,
  options: {
    deliveries: number;
    issues: number;
    concurrency: number;
    sev1Elsewhere?: boolean;
    timeoutMs?: number;
  },
): Promise<StormRow> {
  const { deliveries, issues, concurrency } = options;
  const repo = "acme/storm";
  const sandbox = await startSandbox({ webhookSecret: secret });
  sandbox.createRepo(repo, {});
  sandbox.createRepo(ELSEWHERE, { collaborators: { dana: "write" } });
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
    const quiet = { number: 0, labelledAt: 0 };
    const during = { number: 0, labelledAt: 0 };
    if (options.sev1Elsewhere)
      for (const sev1 of [quiet, during])
        sev1.number = await sandbox.openIssue(ELSEWHERE, {
          as: "reporter",
          title: "Checkout down",
        });
    await sandbox.idle();
    await waitForDrain(server.url, performance.now(), 120_000);
    let quietMs: number | undefined;
    if (options.sev1Elsewhere) {
      quiet.labelledAt = label(sandbox, quiet.number);
      quietMs = await firstCommentAfter(sandbox, quiet, 60_000);
    }
    const before = await waitForDrain(server.url, performance.now(), 120_000);
    const requestsBefore = sandbox.requests.length;
    const started = performance.now();
    const load = await loadWebhooks(
      server.webhookUrl,
      secret,
      (index) => {
        // Called as the index-th delivery is sent: half the storm is out, half still to come.
        if (options.sev1Elsewhere && index === Math.floor(deliveries / 2))
          during.labelledAt = label(sandbox, during.number);
        return payloads[index % issues]!;
      },
      deliveries,
      concurrency,
    );
    const drained = await waitForDrain(server.url, started, options.timeoutMs ?? 600_000);
    const counted = sandbox.requests
      .slice(requestsBefore)
      .filter((request) => !isPolling(request) && !request.path.includes("/contents/"))
      .filter((request) => !request.path.startsWith(`/repos/${ELSEWHERE}/`));
    return {
      deliveries,
      issues,
      non2xx: load.failures,
      jobsRun: drained.jobs - before.jobs,
      coalesced: drained.coalesced - before.coalesced,
      forgeRequests: counted.length,
      drainMs: drained.atMs,
      ...(options.sev1Elsewhere
        ? {
            sev1Elsewhere: {
              quietMs,
              duringStormMs: await firstCommentAfter(sandbox, during, 60_000),
            },
          }
        : {}),
    };
  } finally {
    await server.stop();
    await sandbox.close();
  }
}

/** Labels the issue as a person would (the sandbox delivers the webhook); returns when. */
function label(sandbox: Sandbox, number: number): number {
  const at = Date.now();
  void sandbox.addLabels(ELSEWHERE, number, ["severity::1"], { as: "dana" });
  return at;
}

/** Milliseconds from the label to sevbot's first comment on the issue, if it came in time. */
async function firstCommentAfter(
  sandbox: Sandbox,
  sev1: { number: number; labelledAt: number },
  timeoutMs: number,
): Promise<number | undefined> {
  const path = `/repos/${ELSEWHERE}/issues/${sev1.number}/comments`;
  while (Date.now() - sev1.labelledAt < timeoutMs) {
    const comment = sandbox.requests.find(
      (request) => request.method === "POST" && request.path === path && request.status === 201,
    );
    if (comment) return Date.parse(comment.at) - sev1.labelledAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
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
