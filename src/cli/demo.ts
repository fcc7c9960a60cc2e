import { randomBytes } from "node:crypto";
import { startSandbox } from "../sandbox/index.js";
import { bundledScenarioPath, loadScenarioFile } from "../scenario/load.js";
import { formatRepository } from "../scenario/print.js";
import { playScenario, prepareRepository } from "../scenario/run.js";
import { FAST_CLOCK, startServerProcess } from "../scenario/server-process.js";
import { isPolling, waitForQuiet } from "../scenario/settle.js";

/**
 * `sevbot demo [scenario.yml]`: the sandbox forge, the real sevbot server pointed at it like a
 * GitHub Enterprise Server, one scenario played, the threads printed. Ends by itself.
 */
export async function runDemo(args: string[], _env: Record<string, string | undefined>): Promise<number> {
  const started = Date.now();
  const scenario = loadScenarioFile(args[0] ?? bundledScenarioPath("sev1-checkout-outage"));
  const webhookSecret = randomBytes(16).toString("hex");
  const sandbox = await startSandbox({ webhookSecret });
  const clock = { ...FAST_CLOCK, epoch: new Date().toISOString() };
  const server = await startServerProcess({ gheHost: sandbox.gheHost, webhookSecret, clock }).catch(async (error) => {
    await sandbox.close();
    throw error;
  });
  try {
    sandbox.setWebhookUrl(server.webhookUrl);
    console.log(`sevbot demo: ${scenario.name}\n${scenario.description}\nsandbox forge ${sandbox.apiUrl} · sevbot ${server.url}`);
    prepareRepository(sandbox, scenario);
    console.log(`(time runs ${clock.speed}× faster than real: a simulated minute every ${60 / clock.speed} s)`);
    await playScenario(scenario, { sandbox, settle: () => waitForQuiet(sandbox, 300), narrate: (line) => console.log(line), clockSpeed: clock.speed });
    console.log(`\n\nWhat the forge holds now (${scenario.repository}):\n`);
    console.log(formatRepository(sandbox, scenario.repository));
    const requests = sandbox.requests.filter((request) => !isPolling(request));
    const polling = sandbox.requests.length - requests.length;
    console.log(`\nsevbot made ${requests.length} API requests for the incident (${requests.filter((r) => r.write).length} writes) and ${polling} scheduler polls; ${sandbox.requests.filter((r) => !r.valid).length} were invalid. Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await server.stop();
    await sandbox.close();
  }
}
