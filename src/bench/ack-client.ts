import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { loadWebhooks, type LoadResult } from "./load.js";
import { labeledPayload } from "./payload.js";

/** Sev-1 labels on issues `first` … `first + deliveries - 1` of `repo`, `inFlight` at a time. */
export interface AckClientJob {
  url: string;
  secret: string;
  repo: string;
  first: number;
  deliveries: number;
  inFlight: number;
}

/**
 * Sends the acknowledgement bench's deliveries from a worker thread, on an event loop of its own:
 * on the main thread the sandbox serves the jobs' requests (pages of 100 issues), and a response
 * waiting behind that work counted as sevbot's latency (docs/operations.md, *Acknowledgement
 * latency*). GitHub's sender is not busy serving sevbot's API calls.
 */
export function sendFromWorker(job: AckClientJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { ackClient: job } });
    worker.once("message", (result: LoadResult) => resolve(result));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the ack client exited with code ${code}`));
    });
  });
}

const job = (workerData as { ackClient?: AckClientJob } | null)?.ackClient;
if (!isMainThread && job) {
  const payloads = Array.from({ length: job.deliveries }, (_, index) =>
    labeledPayload(job.repo, "severity::1", job.first + index),
  );
  const result = await loadWebhooks(
    job.url,
    job.secret,
    (index) => payloads[index]!,
    job.deliveries,
    job.inFlight,
  );
  parentPort!.postMessage(result);
}
