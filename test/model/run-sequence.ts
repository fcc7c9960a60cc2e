import { reached } from "./coverage.js";
import { createChecker, type Violation } from "./invariants.js";
import { tolerated, type KnownDefect } from "./known-defects.js";
import { applyStep, type Step } from "./steps.js";
import { createWorld } from "./world.js";

export interface Tally {
  sequences: number;
  steps: number;
  /** Violations tolerated per known defect (their symptom seen, the fix not merged yet). */
  tolerated: Partial<Record<KnownDefect, number>>;
  /** Sequences that reached each milestone (see coverage.ts). */
  reached: Record<string, number>;
}

export function newTally(): Tally {
  return { sequences: 0, steps: 0, tolerated: {}, reached: {} };
}

/**
 * Plays one sequence on a fresh world, checking the invariants after every step; then stops all
 * forge errors, lets the queue retry, runs one more scheduler pass and checks what must hold then.
 * Returns the violations no known defect explains (the first step's that had any).
 */
export async function runSequence(steps: Step[], tally: Tally = newTally()): Promise<Violation[]> {
  const world = createWorld();
  const checker = createChecker(world);
  const failures: Violation[] = [];
  const record = (at: string, violations: Violation[]) => {
    for (const violation of violations) {
      if (tolerated(violation.defect)) {
        tally.tolerated[violation.defect!] = (tally.tolerated[violation.defect!] ?? 0) + 1;
      } else failures.push({ ...violation, message: `${at}: ${violation.message}` });
    }
  };
  tally.sequences++;
  for (const [index, step] of steps.entries()) {
    tally.steps++;
    await applyStep(world, step);
    record(`after step ${index} (${step.kind})`, checker.check());
    if (failures.length > 0) return failures;
  }
  world.faults.budgets.length = 0;
  world.faults.outage.steps = 0;
  for (let round = 0; round < 3 && world.jobs.length > 0; round++) await world.drain();
  world.advance(1_000);
  await world.step(() => world.tick(), false);
  record("at the pass after errors stopped", checker.check());
  await world.drain();
  record("once errors stopped", [...checker.check(), ...checker.checkSettled()]);
  for (const milestone of reached(world))
    tally.reached[milestone] = (tally.reached[milestone] ?? 0) + 1;
  return failures;
}
