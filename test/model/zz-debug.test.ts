import { it } from "vitest";
import { createWorld, logOf } from "./world.js";
import { applyStep, type Step } from "./steps.js";
import { createChecker } from "./invariants.js";
import { readStateBlock } from "../../src/core/state-block.js";

const steps: Step[] = JSON.parse(process.env.STEPS!);
it("debug", async () => {
  const world = createWorld();
  const checker = createChecker(world);
  for (const step of steps) {
    await applyStep(world, step);
    console.log(step.kind, JSON.stringify(checker.check()));
  }
  for (const t of world.ticks)
    console.log("tick", t.at, t.clean, String(t.crashed), t.errors.map(String));
  for (const j of world.history)
    console.log("job", j.event.kind, j.event.issue.ref.number, j.outcome, String(j.error));
  for (const [n, r] of world.store.repos)
    for (const i of r.issues.values())
      console.log(
        n,
        i.number,
        i.title,
        i.labels.map((l) => l.name),
        i.state,
      );
  const log = logOf(world.store, 2);
  if (log) {
    const s = readStateBlock(log.issue.body ?? "");
    console.log(JSON.stringify(s));
  }
  console.log(world.notifications.map((n) => n.notification.key));
});
