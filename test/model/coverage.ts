import { markerKeys } from "../../src/core/markers.js";
import { readStateBlock } from "../../src/core/state-block.js";
import type { World } from "./world.js";

/**
 * What a sequence got to: printed after the run, so a generator that stopped reaching (say) a
 * re-acknowledgement after a reopen shows up as a count near zero rather than as silent green.
 */
export function reached(world: World): string[] {
  const timeline = [...world.store.repos.values()]
    .flatMap((repo) => [...repo.issues.values()])
    .flatMap((issue) => {
      const read = readStateBlock(issue.body ?? "");
      return read.kind === "ok" ? [read.incident.timeline.map((entry) => entry.text)] : [];
    });
  const comments = [...world.store.repos.values()].flatMap((repo) =>
    repo.comments.filter((comment) => comment.user.type === "Bot").map((comment) => comment.body),
  );
  const keys = comments.flatMap((body) => markerKeys(body));
  const some = (test: (texts: string[]) => boolean) => timeline.some(test);
  const has = (texts: string[], start: string) => texts.some((text) => text.startsWith(start));
  const flags: Record<string, boolean> = {
    declared: timeline.length > 0,
    drill: [...world.declaredAsDrill.values()].some(Boolean),
    acknowledged: some((texts) => has(texts, "Acknowledged")),
    resolved: some((texts) => has(texts, "Resolved")),
    reopened: some((texts) => has(texts, "Reopened")),
    reacknowledged: some((texts) => {
      const reopened = texts.findIndex((text) => text.startsWith("Reopened"));
      return reopened >= 0 && texts.slice(reopened).some((text) => text.startsWith("Acknowledged"));
    }),
    handedOver: some((texts) => has(texts, "Hand-over accepted")),
    statusReminder: keys.some((key) => key.startsWith("status-reminder-")),
    repeatEscalation: world.notifications.some((entry) => /-[rb]\d+$/.test(entry.notification.key)),
    paged: world.services.requests.some((request) => request.service === "pagerduty"),
    configError: comments.some((body) => body.startsWith("Invalid config")),
    forgeErrors: world.faults.fired > 0,
    schedulerCrashed: world.ticks.some((tick) => tick.crashed !== undefined),
    droppedForGood: world.history.some((job) => job.outcome === "dropped"),
  };
  return Object.keys(flags).filter((name) => flags[name]);
}
