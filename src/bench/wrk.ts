import { execFile } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadResult } from "./load.js";

export const WRK = process.env.BENCH_WRK_PATH ?? "/usr/bin/wrk";

export function wrkInstalled(): boolean {
  return existsSync(WRK);
}

/**
 * One signed body for every request (the signature covers the body only) and a fresh
 * `X-GitHub-Delivery` per request from Lua, so no delivery is dropped as a duplicate.
 */
const SCRIPT = `
local file = assert(io.open(os.getenv("BENCH_WRK_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-GitHub-Event"] = "issues"
wrk.headers["X-Hub-Signature-256"] = os.getenv("BENCH_WRK_SIGNATURE")
local run = os.getenv("BENCH_WRK_RUN")
local threads = 0
local sent = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function request()
  sent = sent + 1
  wrk.headers["X-GitHub-Delivery"] = string.format("wrk-%s-%d-%d", run, tid, sent)
  return wrk.format()
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"non2xx":%d,"socketErrors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
`;

/** Drives `url` with wrk (a C client outside Node) for `seconds`, `connections` open. */
export async function loadWithWrk(
  url: string,
  secret: string,
  payload: string,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), "sevbot-wrk-"));
  try {
    writeFileSync(join(dir, "body.json"), payload);
    writeFileSync(join(dir, "deliveries.lua"), SCRIPT);
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        WRK,
        [
          "-t",
          "2",
          "-c",
          String(connections),
          "-d",
          `${seconds}s`,
          "-s",
          join(dir, "deliveries.lua"),
          url,
        ],
        {
          env: {
            BENCH_WRK_BODY: join(dir, "body.json"),
            BENCH_WRK_SIGNATURE: `sha256=${createHmac("sha256", secret).update(payload).digest("hex")}`,
            BENCH_WRK_RUN: randomBytes(4).toString("hex"),
          },
          timeout: (seconds + 30) * 1000,
        },
        (error, out) => (error ? reject(error) : resolve(out)),
      ),
    );
    const line = stdout.trim().split("\n").at(-1) ?? "";
    const result = JSON.parse(line) as {
      requests: number;
      durationUs: number;
      p50Us: number;
      p99Us: number;
      non2xx: number;
      socketErrors: number;
    };
    const elapsed = result.durationUs / 1e6;
    return {
      requests: result.requests,
      seconds: elapsed,
      perSecond: result.requests / elapsed,
      p50Ms: result.p50Us / 1000,
      p99Ms: result.p99Us / 1000,
      failures: result.non2xx + result.socketErrors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
