import type { SevbotConfig } from "./schema.js";

/**
 * Names one setting gives to another that the schema cannot check section by section: a
 * component mapped to a rotation that does not exist. These are reported, not fallen back on:
 * the component already gets the first rotation (core/oncall.ts), and dropping the whole
 * `components` section would also drop its owners, the people an incident pings first.
 */
export function crossReferenceProblems(config: SevbotConfig): string[] {
  const names = config.rotations.map((rotation) => rotation.name);
  const first = names[0];
  const known = names.length > 0 ? names.map((name) => `\`${name}\``).join(", ") : "none";
  return Object.entries(config.components.rotations)
    .filter(([, name]) => !names.includes(name))
    .map(
      ([component, name]) =>
        `- \`components.rotations.${component}\`: no rotation is named \`${name}\` ` +
        `(rotations: ${known}); ` +
        (first === undefined
          ? "nobody is on call for it."
          : `${component} uses the first rotation, \`${first}\`, until this is fixed.`),
    );
}
