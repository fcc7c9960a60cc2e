import { randomBytes } from "node:crypto";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";
import { FAST_CLOCK, startServerProcess, type ServerProcess } from "../../src/scenario/server-process.js";

/** The built sevbot server (dist/) as a child process, wired to a fresh sandbox. */
export interface Stack {
  sandbox: Sandbox;
  server: ServerProcess;
  stop(): Promise<void>;
}

export async function startStack(options: Partial<SandboxOptions> = {}, env: Record<string, string> = {}, fastClock = false): Promise<Stack> {
  const webhookSecret = randomBytes(16).toString("hex");
  const sandbox = await startSandbox({ webhookSecret, ...options });
  const clock = fastClock ? { ...FAST_CLOCK, epoch: new Date().toISOString() } : undefined;
  const forge = sandbox.platform === "gitlab" ? { gitlabUrl: sandbox.url } : { gheHost: sandbox.gheHost };
  const server = await startServerProcess({ ...forge, webhookSecret, env, ...(clock ? { clock } : {}) });
  sandbox.setWebhookUrl(server.webhookUrl);
  return {
    sandbox,
    server,
    async stop() {
      await server.stop();
      await sandbox.close();
    },
  };
}

/** Hidden markers of sevbot's comments on an issue, counted: every key must appear once. */
export function markerCounts(bodies: Array<string | null | undefined>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const body of bodies) {
    for (const match of (body ?? "").matchAll(/<!-- sevbot:([\w-]+) -->/g)) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  }
  return counts;
}
