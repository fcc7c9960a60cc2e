import type { SevbotConfig } from "../config/schema.js";

/**
 * The Slack member ids of `people` from `notifications.slackUsers`. Forge user names are
 * case-insensitive and may be written with `@`, so both are ignored when matching.
 */
export function slackIdsFor(people: string[], config: SevbotConfig): Record<string, string> {
  const known = new Map(
    Object.entries(config.notifications.slackUsers).map(([user, id]) => [
      user.replace(/^@/, "").toLowerCase(),
      id,
    ]),
  );
  const found: Record<string, string> = {};
  for (const person of people) {
    const id = known.get(person.toLowerCase());
    if (id) found[person] = id;
  }
  return found;
}
