import { loadNamedScenario } from "../scenario/load.js";
import { playOnStack, withLocalStack } from "../scenario/local-stack.js";
import { isPolling } from "../scenario/settle.js";
import { platformOf } from "./connect.js";
import { parseFlags } from "./flags.js";

/**
 * `sevbot demo [scenario.yml] [--platform gitlab]`: the sandbox forge (GitHub by default, or
 * GitLab), the real sevbot server pointed at it like a self-hosted instance, one scenario played,
 * the threads printed. Ends by itself.
 */
export async function runDemo(
  args: string[],
  _env: Record<string, string | undefined>,
  out: (line: string) => void = console.log,
): Promise<number> {
  const started = Date.now();
  const flags = parseFlags(args, ["platform", "gitlab"]);
  const platform = platformOf(flags);
  const scenario = loadNamedScenario(flags._ || "sev1-pagerduty-ack");
  return withLocalStack(platform, async (stack) => {
    const { sandbox, server, clock } = stack;
    out(
      `sevbot demo: ${scenario.name}\n${scenario.description}\nsandbox forge ${sandbox.apiUrl} · sevbot ${server.url}`,
    );
    out(
      `(time runs ${clock.speed}× faster than real: a simulated minute every ${60 / clock.speed} s)`,
    );
    const threads = await playOnStack(stack, scenario, out);
    out(`\n\nWhat the forge holds now (${scenario.repository}):\n`);
    out(threads);
    const requests = sandbox.requests.filter((request) => !isPolling(request));
    const polling = sandbox.requests.length - requests.length;
    out(
      `\nsevbot made ${requests.length} API requests for the incident (${requests.filter((r) => r.write).length} writes) and ${polling} scheduler polls; ${sandbox.requests.filter((r) => !r.valid).length} were invalid. Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  });
}
