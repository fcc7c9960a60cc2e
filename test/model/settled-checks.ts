import { hasMarker } from "../../src/core/markers.js";
import { severityOfLabel, severityOfLabels } from "../../src/core/severity.js";
import { REPO } from "./configs.js";
import type { Violation } from "./view.js";
import { logOf, type World } from "./world.js";

/** What must hold once forge errors stopped and every retry ran. */
export function eventsSucceed(world: World): Violation[] {
  return world.history
    .filter((job) => job.outcome !== "done" && !(job.outcome === "dropped" && job.onlyForgeErrors))
    .map((job) => {
      const error = job.bug ?? job.error;
      const message = String((error as Error | undefined)?.message ?? error);
      return {
        invariant: "every event is handled once forge errors stop",
        message: `${job.event.kind} on #${job.event.issue.ref.number} ${job.outcome}: ${message}`,
        ...(/time zone/i.test(message)
          ? { defect: "config-timezone" as const }
          : /Invalid time value/.test(message)
            ? { defect: "timeline-time" as const }
            : {}),
      };
    });
}

/** An incident severity label handled without error always yields a checklist and a log issue. */
export function exactlyOne(world: World): Violation[] {
  const out: Violation[] = [];
  for (const job of world.history) {
    if (job.outcome !== "done" || job.event.actor.isBot || !job.config) continue;
    const { incidents, labels } = job.config.severity;
    const event = job.event;
    const severity =
      event.kind === "issue-labeled"
        ? severityOfLabel(event.label, labels)
        : event.kind === "issue-opened"
          ? severityOfLabels(event.issue.labels, labels)
          : undefined;
    if (severity === undefined || !incidents.includes(severity)) continue;
    const source = event.issue.ref.number;
    const log = logOf(world.store, source);
    const checklist = world
      .repo(REPO)
      .comments.some(
        (c) => c.issueNumber === source && c.user.type === "Bot" && hasMarker(c.body, "checklist"),
      );
    if (!log || !checklist)
      out.push({
        invariant: "one checklist and one log issue",
        message: `#${source} labelled Sev-${severity} (${event.kind}): ${log ? "" : "no log issue "}${checklist ? "" : "no checklist"}`,
        // The declaring job was dropped for good after creating the log (see known-defects.ts).
        ...(log && dropped(world, source) ? { defect: "orphaned-log" as const } : {}),
      });
  }
  return out;
}

function dropped(world: World, source: number): boolean {
  return world.history.some(
    (job) => job.outcome === "dropped" && job.event.issue.ref.number === source,
  );
}
