import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { Scenario } from "./schema.js";

export class ScenarioError extends Error {}

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

/** Scenarios shipped with sevbot live in `scenarios/` at the package root. */
export function bundledScenarioPath(name: string): string {
  const file = name.endsWith(".yml") ? name : `${name}.yml`;
  return new URL(`../../scenarios/${file}`, import.meta.url).pathname;
}
