import { randomBytes } from "node:crypto";
import { GITHUB_CONFIG_FILE } from "../../src/adapters/github/config-source.js";
import { GITLAB_CONFIG_FILE } from "../../src/adapters/gitlab/config-source.js";
import type { Platform } from "../../src/core/model.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";
import {
  FAST_CLOCK,
  startServerProcess,
  type ServerProcess,
} from "../../src/scenario/server-process.js";
import { isPolling, waitForQuiet } from "../../src/scenario/settle.js";
import { steppedClock } from "../../src/scenario/stepped-clock.js";

/** The built sevbot server (dist/) as a child process, wired to a fresh sandbox. */
export interface Stack {
  sandbox: Sandbox;
  server: ServerProcess;
  /** With the stepped clock: one minute on, resolved once sevbot ticked at the new time and went quiet. */
  advanceMinute(): Promise<void>;
  stop(): Promise<void>;
}

/** Where a repository's sevbot config lives on `platform`. */
export function configFileOf(platform: Platform): string {
  return platform === "gitlab" ? GITLAB_CONFIG_FILE : GITHUB_CONFIG_FILE;
}

/** `fast`: a running clock 120× real time; `stepped`: time stands still until `advanceMinute`. */
export type StackClock = "real" | "fast" | "stepped";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startStack(
  options: Partial<SandboxOptions> = {},
  env: Record<string, string> = {},
  clockKind: StackClock = "real",
  /** Where the stepped clock starts (now by default): two runs compared side by side share it. */
  clockStart?: Date,
): Promise<Stack> {
  const webhookSecret = randomBytes(16).toString("hex");
  const sandbox = await startSandbox({ webhookSecret, ...options });
  const fast =
    clockKind === "fast" ? { ...FAST_CLOCK, epoch: new Date().toISOString() } : undefined;
  const stepped = clockKind === "stepped" ? steppedClock(clockStart) : undefined;
  const clockEnv: Record<string, string> = stepped
    ? { SEVBOT_CLOCK_FILE: stepped.path, SEVBOT_TICK_SECONDS: String(FAST_CLOCK.tickSeconds) }
    : {};
  const forge =
    sandbox.platform === "gitlab" ? { gitlabUrl: sandbox.url } : { gheHost: sandbox.gheHost };
  const server = await startServerProcess({
    ...forge,
    webhookSecret,
    env: { ...clockEnv, ...env },
    ...(fast ? { clock: fast } : {}),
  });
  sandbox.setWebhookUrl(server.webhookUrl);
  const polls = () => sandbox.requests.filter(isPolling).length;
  return {
    sandbox,
    server,
    async advanceMinute() {
      if (!stepped) throw new Error("advanceMinute needs the stepped clock");
      stepped.advance(1);
      await sleep(100); // the server re-reads the clock file every 50 ms
      // A tick has begun at the new time once it lists the open incidents (bounded: a miss shows in the assertions).
      const before = polls();
      const deadline = Date.now() + 5_000;
      while (polls() === before && Date.now() < deadline) await sleep(20);
      await waitForQuiet(sandbox, 200);
    },
    async stop() {
      await server.stop();
      await sandbox.close();
      stepped?.remove();
    },
  };
}

/** Hidden markers of sevbot's comments on an issue, counted: every key must appear once. */
export function markerCounts(bodies: Array<string | null | undefined>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const body of bodies) {
    for (const match of (body ?? "").matchAll(/<!-- sevbot:([\w-]+) -->/g))
      counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  }
  return counts;
}
