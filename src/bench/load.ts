import { createHmac, randomUUID } from "node:crypto";
import { Agent, request } from "node:http";

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

/** The body of the `index`-th delivery: one payload for all, or one per delivery (each signed). */
export type Payloads = string | ((index: number) => string);

/** Sends `total` signed webhook deliveries with `concurrency` in flight, each with its own delivery id. */
export async function loadWebhooks(
  url: string,
  secret: string,
  payloads: Payloads,
  total: number,
  concurrency: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const sign = (body: string) =>
    `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const fixed =
    typeof payloads === "string" ? { payload: payloads, signature: sign(payloads) } : undefined;
  const signed = (index: number) => {
    if (fixed) return fixed;
    const payload = (payloads as (index: number) => string)(index);
    return { payload, signature: sign(payload) };
  };
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const started = performance.now();
  async function worker() {
    while (sent < total) {
      const { payload, signature } = signed(sent++);
      const begin = performance.now();
      const status = await post(url, agent, payload, signature);
      latencies.push(performance.now() - begin);
      if (status < 200 || status >= 300) failures++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: total,
    seconds,
    perSecond: total / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    failures,
  };
}

function post(url: string, agent: Agent, payload: string, signature: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "x-github-event": "issues",
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": signature,
          "content-length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(payload);
  });
}
