/**
 * Text sevbot echoes (titles, bodies, user input) must never ping anyone (principle 10).
 * A word joiner after `@` keeps the text readable but breaks GitHub/GitLab mention parsing.
 */
const WORD_JOINER = "\u2060";

export function neutralizeMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_])/g, `@${WORD_JOINER}`);
}

/** Mention a user or team that came from configuration. */
export function mention(user: string): string {
  return `@${user.replace(/^@/, "")}`;
}

export function mentionAll(users: readonly string[]): string {
  return [...new Set(users.map((user) => user.replace(/^@/, "")))].map(mention).join(" ");
}
