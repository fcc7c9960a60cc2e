import { defaultConfig } from "../../config/load.js";
import { desiredLabels, type LabelSpec } from "../../core/labels.js";

const CATALOGUE: ReadonlyMap<string, LabelSpec> = new Map(
  desiredLabels(defaultConfig()).map((label) => [label.name.toLowerCase(), label]),
);

/**
 * GitLab creates a label the first time an issue gets it, in a default grey. sevbot creates its
 * own labels first, in the colours `sevbot init` uses, so an incident looks like one.
 */
export function labelSpecFor(name: string): LabelSpec {
  return CATALOGUE.get(name.toLowerCase()) ?? { name, color: "ededed", description: "" };
}
