import type { RequestRecord, Sandbox } from "../sandbox/index.js";

/** The scheduler's own polling (and token refreshes) is not activity worth waiting for. */
export function isPolling(request: RequestRecord): boolean {
  if (request.path.includes("/access_tokens")) return true;
  if (request.method !== "GET") return false;
  return (
    /^\/(app\/installations|installation\/repositories)/.test(request.path) ||
    /\/issues\?.*state=open/.test(request.path)
  );
}

function activity(sandbox: Sandbox): number {
  return sandbox.requests.filter((request) => !isPolling(request)).length;
}

/**
 * sevbot runs in another process, so "done" is observed from outside: the sandbox has delivered
 * every webhook and received no request for `quietMs`. Bounded by `timeoutMs`.
 */
export async function waitForQuiet(
  sandbox: Sandbox,
  quietMs = 400,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = activity(sandbox);
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sandbox.idle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (activity(sandbox) !== seen) {
      seen = activity(sandbox);
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
  throw new Error(`sevbot was still busy after ${timeoutMs} ms`);
}

/**
 * Quiet, and the server's own queue empty (`sevbot_queue_depth` on its `/metrics`): on a loaded
 * machine a job can wait longer than any quiet period before its first request, so quiet alone
 * can end a comparison while the server still has work. Bounded by `timeoutMs`.
 */
export async function waitForDrained(
  sandbox: Sandbox,
  serverUrl: string,
  quietMs = 300,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await waitForQuiet(sandbox, quietMs, Math.max(1, deadline - Date.now()));
    const metrics = await (await fetch(`${serverUrl}/metrics`)).text();
    if (/^sevbot_queue_depth 0$/m.test(metrics)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sevbot's queue was not empty after ${timeoutMs} ms`);
}
