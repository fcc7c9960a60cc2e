import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import yaml from "js-yaml";
import { SettingsError } from "../config/settings-error.js";
import { closestWord } from "../core/closest-word.js";
import { Scenario } from "./schema.js";

/** A scenario that cannot be played: the CLI prints its message and exits 1, no stack. */
export class ScenarioError extends SettingsError {}

export function parseScenario(text: string, source: string): Scenario {
  let raw: unknown;
  try {
    raw = yaml.load(text);
  } catch (error) {
    throw new ScenarioError(
      `${source}: not valid YAML: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  const parsed = Scenario.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `- ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new ScenarioError(`${source}: invalid scenario:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function loadScenarioFile(path: string): Scenario {
  return parseScenario(readFileSync(path, "utf8"), path);
}

/**
 * The scenario a command line names: a file, else a shipped scenario by name
 * (`sevbot demo sev1-checkout-outage`). Neither: says which are shipped, with a guess.
 */
export function loadNamedScenario(named: string): Scenario {
  if (existsSync(named)) return loadScenarioFile(named);
  const shipped = bundledScenarioNames();
  const name = basename(named).replace(/\.ya?ml$/, "");
  if (shipped.includes(name)) return loadScenarioFile(bundledScenarioPath(name));
  const guess = closestWord(name, shipped);
  throw new ScenarioError(
    `no scenario file ${named}${guess ? ` (did you mean ${guess}?)` : ""}; ` +
      `shipped with sevbot, by name: ${shipped.join(", ")}`,
  );
}

function bundledScenarioNames(): string[] {
  const dir = dirname(bundledScenarioPath("any"));
  return readdirSync(dir)
    .filter((file) => file.endsWith(".yml"))
    .map((file) => file.replace(/\.yml$/, ""))
    .sort();
}

/** Scenarios shipped with sevbot live in `scenarios/` at the package root. */
export function bundledScenarioPath(name: string): string {
  const file = name.endsWith(".yml") ? name : `${name}.yml`;
  return new URL(`../../scenarios/${file}`, import.meta.url).pathname;
}
