import { withTimeout } from "../app/with-timeout.js";

export interface ReadinessCheck {
  name: string;
  /** Rejects when not ready; the signal aborts when the check has timed out, for checks that can stop. */
  check: (signal: AbortSignal) => Promise<void>;
}

export interface Readiness {
  ready: boolean;
  /** "ok" or the error message, by check name. */
  checks: Record<string, string>;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/** Every check at once, each bounded, so one hung dependency answers in `timeoutMs`, not never. */
export async function runChecks(
  checks: ReadinessCheck[],
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => [name, await outcome(check, timeoutMs)] as const),
  );
  return {
    ready: results.every(([, result]) => result === "ok"),
    checks: Object.fromEntries(results),
  };
}

async function outcome(check: ReadinessCheck["check"], timeoutMs: number): Promise<string> {
  try {
    await withTimeout(timeoutMs, check);
    return "ok";
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  }
}
