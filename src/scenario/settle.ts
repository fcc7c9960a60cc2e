import type { Sandbox } from "../sandbox/index.js";

/**
 * sevbot runs in another process, so "done" is observed from outside: the sandbox has delivered
 * every webhook and received no request for `quietMs`. Bounded by `timeoutMs`.
 */
export async function waitForQuiet(sandbox: Sandbox, quietMs = 400, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = sandbox.requests.length;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sandbox.idle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (sandbox.requests.length !== seen) {
      seen = sandbox.requests.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
  throw new Error(`sevbot was still busy after ${timeoutMs} ms`);
}
