import { randomBytes } from "node:crypto";
import { startSandbox, type Sandbox, type SandboxPlatform } from "../sandbox/index.js";
import { pagerDutySender } from "./pagerduty-sender.js";
import { formatRepository } from "./print.js";
import { playScenario, prepareRepository } from "./run.js";
import type { Scenario } from "./schema.js";
import { FAST_CLOCK, startServerProcess, type ServerProcess } from "./server-process.js";
import { waitForQuiet } from "./settle.js";

/** A fresh sandbox forge and the built sevbot server serving it, on an accelerated clock. */
export interface LocalStack {
  sandbox: Sandbox;
  server: ServerProcess;
  clock: { speed: number; epoch: string; tickSeconds: number };
  /** The secret of the server's PagerDuty webhook route, for scenarios that acknowledge there. */
  pagerDutySecret: string;
}

/** Runs `use` on a local stack for `platform` and stops both processes afterwards, whatever happens. */
export async function withLocalStack<T>(
  platform: SandboxPlatform,
  use: (stack: LocalStack) => Promise<T>,
): Promise<T> {
  const webhookSecret = randomBytes(16).toString("hex");
  const sandbox = await startSandbox({ webhookSecret, platform });
  const clock = { ...FAST_CLOCK, epoch: new Date().toISOString() };
  const forge = platform === "gitlab" ? { gitlabUrl: sandbox.url } : { gheHost: sandbox.gheHost };
  const pagerDutySecret = randomBytes(16).toString("hex");
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess({
      ...forge,
      webhookSecret,
      clock,
      env: { PAGERDUTY_WEBHOOK_SECRET: pagerDutySecret },
    });
    sandbox.setWebhookUrl(server.webhookUrl);
    return await use({ sandbox, server, clock, pagerDutySecret });
  } finally {
    await server?.stop();
    await sandbox.close();
  }
}

/** Plays the scenario on the stack's sandbox as its people, waiting for sevbot after each step; returns the threads, printed. */
export async function playOnStack(
  { sandbox, server, clock, pagerDutySecret }: LocalStack,
  scenario: Scenario,
  narrate: (line: string) => void,
): Promise<string> {
  prepareRepository(sandbox, scenario);
  await playScenario(scenario, {
    sandbox,
    settle: () => waitForQuiet(sandbox, 300),
    narrate,
    clockSpeed: clock.speed,
    pagerduty: pagerDutySender(server.url, pagerDutySecret),
    platform: sandbox.platform,
  });
  return formatRepository(sandbox, scenario.repository);
}
