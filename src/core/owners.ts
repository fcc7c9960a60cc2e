import type { SevbotConfig } from "../config/schema.js";

/** Component names from labels such as `component::api`. */
export function componentsOf(labels: readonly string[], prefix: string): string[] {
  const lower = prefix.toLowerCase();
  return labels
    .filter((label) => label.toLowerCase().startsWith(lower))
    .map((label) => label.slice(prefix.length));
}

/** Owners of the components, or the fallback owners when none is known. */
export function ownersFor(labels: readonly string[], config: SevbotConfig): string[] {
  const { owners, fallbackOwners, labelPrefix } = config.components;
  const found = componentsOf(labels, labelPrefix).flatMap((component) => owners[component] ?? []);
  return found.length > 0 ? [...new Set(found)] : fallbackOwners;
}
