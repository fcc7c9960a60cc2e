import { hasMarker } from "../../src/core/markers.js";
import { AGENDA_ISSUE, REPO } from "./configs.js";
import { botIssues, configOf, incidentKey, type Violation } from "./view.js";
import type { World } from "./world.js";

/** Issue 12: nothing a drill does may reach a real pager, channel, webhook or shared issue. */
export function drillSealed(world: World): Violation[] {
  const out: Violation[] = [];
  const leak = (message: string) =>
    out.push({ invariant: "no drill output escapes", message, defect: "drill-leaks" });
  const drills = [...world.declaredAsDrill].filter(([, drill]) => drill).map(([n]) => n);
  const config = configOf(world.configText);
  // Who may hear of a drill is what the config said when each notification went out.
  const participantsOf = new Map(
    world.notifications.map((record) => [record.notification, record.participants]),
  );
  const since = (n: number) => world.declaredAfter.get(n) ?? { notifications: 0, requests: 0 };
  for (const [index, request] of world.services.requests.entries()) {
    const key = request.notification?.incidentKey;
    const drill =
      drills.some((n) => key === incidentKey(n) && index >= since(n).requests) ||
      (request.method === "conversations.create" &&
        drills.some((n) => String(request.body.name ?? "").length > 0 && warRoomFor(world, n)));
    if (!drill) continue;
    if (request.service === "pagerduty") leak(`drill ${key} reached PagerDuty`);
    if (request.service === "webhook" && request.body.drill !== true)
      leak(`drill ${key} reached the webhook without drill: true`);
    if (request.service === "slack" && request.method === "chat.postMessage") {
      const channel = String(request.body.channel);
      const ids = Object.entries(request.notification?.targets.slackIds ?? {});
      const person = ids.find(([, id]) => id === channel)?.[0];
      const participants = participantsOf.get(request.notification!) ?? new Set<string>();
      if (!person || !participants.has(person.toLowerCase()))
        leak(`drill ${key ?? ""} posted in Slack channel ${channel}`);
    }
  }
  for (const [index, { notification, participants }] of world.notifications.entries()) {
    // A redelivered report repeats a notice sent before the drill began, under the same key.
    const repeated = (n: number) =>
      world.notifications
        .slice(0, since(n).notifications)
        .some((earlier) => earlier.notification.key === notification.key);
    const ofDrill = (n: number) =>
      notification.incidentKey === incidentKey(n) &&
      index >= since(n).notifications &&
      !repeated(n);
    if (!drills.some(ofDrill)) continue;
    const { users, channels, emails, page } = notification.targets;
    const outsiders = users.filter((user) => !participants.has(user.toLowerCase()));
    if (outsiders.length > 0 || channels.length > 0 || emails.length > 0 || page)
      leak(
        `drill ${notification.incidentKey} ${notification.kind} targets more than its participants`,
      );
  }
  for (const n of drills) {
    for (const { repo, issue } of botIssues(world))
      if (
        new RegExp(`sevbot:[\\w-]+-for github:${REPO}#${n} -->`).test(issue.body ?? "") &&
        !issue.labels.some(
          (label) => label.name.toLowerCase() === config.drills.label.toLowerCase(),
        )
      )
        leak(`drill #${n}: ${repo.fullName}#${issue.number} "${issue.title}" has no drill label`);
    for (const comment of world.repo(REPO).comments)
      if (
        comment.issueNumber === AGENDA_ISSUE &&
        comment.user.type === "Bot" &&
        new RegExp(`(?<![\\w/.-])#${n}\\b`).test(comment.body)
      )
        leak(`drill #${n} wrote to the shared agenda issue`);
  }
  return out;
}

/** War rooms are not tied to a notification: one opened for a drill shows in the source issue. */
function warRoomFor(world: World, source: number): boolean {
  return world
    .repo(REPO)
    .comments.some(
      (c) => c.issueNumber === source && c.user.type === "Bot" && hasMarker(c.body, "war-room"),
    );
}
