import type { SevbotConfig } from "../config/schema.js";

/**
 * A per-person setting (`notifications.slackUsers`, `emails`, `pagerdutyUsers`) read by forge user
 * name. Forge user names are case-insensitive and may be written with `@`, so both are ignored.
 */
export function personLookup(
  mapping: Record<string, string>,
): (person: string) => string | undefined {
  const known = new Map(
    Object.entries(mapping).map(([user, value]) => [user.replace(/^@/, "").toLowerCase(), value]),
  );
  return (person) => known.get(person.replace(/^@/, "").toLowerCase());
}

/** The Slack member ids of `people` from `notifications.slackUsers`, by person. */
export function slackIdsFor(people: string[], config: SevbotConfig): Record<string, string> {
  const idOf = personLookup(config.notifications.slackUsers);
  const found: Record<string, string> = {};
  for (const person of people) {
    const id = idOf(person);
    if (id) found[person] = id;
  }
  return found;
}
