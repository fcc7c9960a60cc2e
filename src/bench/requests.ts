import { startSandbox } from "../sandbox/index.js";
import { bundledScenarioPath, loadScenarioFile } from "../scenario/load.js";
import { playScenario, prepareRepository } from "../scenario/run.js";
import type { ScenarioStep } from "../scenario/schema.js";
import { FAST_CLOCK, startServerProcess } from "../scenario/server-process.js";
import { isPolling, waitForQuiet } from "../scenario/settle.js";
import type { DeclarationCount } from "./targets.js";

export interface StepRequests extends DeclarationCount {
  step: ScenarioStep;
}

/**
 * Forge requests per step of the `sev1-checkout-outage` scenario, config cached: the first
 * labelled step is the Sev-1 declaration.
 */
export async function measureRequests(secret: string): Promise<StepRequests[]> {
  const scenario = loadScenarioFile(bundledScenarioPath("sev1-checkout-outage"));
  const sandbox = await startSandbox({ webhookSecret: secret });
  const clock = { ...FAST_CLOCK, epoch: new Date().toISOString() };
  const server = await startServerProcess({
    gheHost: sandbox.gheHost,
    webhookSecret: secret,
    clock,
  });
  sandbox.setWebhookUrl(server.webhookUrl);
  prepareRepository(sandbox, scenario);
  // The scheduler's first pass (its daily drill check lists the log issues as the similar-incident
  // search does) is over before the first step, so it is not counted in the declaration.
  await waitForQuiet(sandbox, 1_000, 30_000);
  // Token refreshes, config reads and the scheduler's polling are counted apart.
  const counted = () =>
    sandbox.requests.filter(
      (request) => !isPolling(request) && !request.path.includes("/contents/"),
    );
  const perStep: StepRequests[] = [];
  // The similar-incident search: the log label's listing, open and closed, without `since`.
  const isSearch = (r: { write: boolean; path: string }) =>
    !r.write && /\/issues\?.*state=all/.test(r.path) && !r.path.includes("since=");
  let before = 0;
  try {
    await playScenario(scenario, {
      sandbox,
      clockSpeed: clock.speed,
      settle: () => waitForQuiet(sandbox, 300),
      afterStep(step) {
        const made = counted().slice(before);
        before = counted().length;
        perStep.push({
          step,
          reads: made.filter((r) => !r.write).length,
          writes: made.filter((r) => r.write).length,
          searches: made.filter(isSearch).length,
        });
      },
    });
  } finally {
    await server.stop();
    await sandbox.close();
  }
  return perStep;
}

/** The declaration's counts, or `null` when the scenario has no labelled step. */
export function declarationOf(steps: StepRequests[]): DeclarationCount | null {
  const declaration = steps.find((entry) => "label" in entry.step);
  return declaration
    ? { reads: declaration.reads, writes: declaration.writes, searches: declaration.searches }
    : null;
}
