import type { SevbotConfig } from "../config/schema.js";
import { closestWord } from "./closest-word.js";

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

/**
 * The components the config has neither owners nor a rotation for, with the configured
 * one each most likely meant. Only where the team configured components: a typo in
 * `component::paymnets` would otherwise ping the fallback owners in silence.
 */
export function unknownComponents(
  labels: readonly string[],
  config: SevbotConfig,
): Array<{ component: string; guess: string | undefined }> {
  const known = configuredComponents(config);
  if (known.length === 0) return [];
  return componentsOf(labels, config.components.labelPrefix)
    .filter((component) => !known.includes(component))
    .map((component) => ({ component, guess: closestWord(component, known) }));
}

/** The components the config names: those with owners or a rotation. */
export function configuredComponents(config: SevbotConfig): string[] {
  const { owners, rotations } = config.components;
  return [...new Set([...Object.keys(owners), ...Object.keys(rotations)])];
}
