import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/validate.js";
import { builtIn, DEFAULTS_FILE } from "../../src/config/defaults.js";
import { defaultConfig, parseConfigText } from "../../src/config/load.js";

const FILE = fileURLToPath(new URL("../../config/default.yml", import.meta.url));

/** Dotted paths of the file's values: mappings are walked, a list or a scalar is one value. */
function valuePaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  const entries = Object.entries(value);
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([key, inner]) => valuePaths(inner, prefix ? `${prefix}.${key}` : key));
}

function valueAt(root: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);
}

describe("config/default.yml, the built-in defaults", () => {
  it("is the file sevbot reads its defaults from", () => {
    expect(DEFAULTS_FILE).toBe(FILE);
  });

  it("passes `sevbot validate`", () => {
    const printed: string[] = [];
    const errors: string[] = [];
    expect(
      runValidate(
        [FILE],
        (line) => printed.push(line),
        (line) => errors.push(line),
      ),
    ).toBe(0);
    expect(errors).toEqual([]);
    expect(printed).toEqual([`${FILE} is valid.`]);
  });

  it("read as a repository's own config, gives exactly the built-in defaults", () => {
    const { config, error } = parseConfigText(readFileSync(FILE, "utf8"), FILE);
    expect(error).toBeUndefined();
    expect(config).toEqual(defaultConfig());
  });

  it("holds only settings sevbot has, each with the value sevbot uses", () => {
    const file = yaml.load(readFileSync(FILE, "utf8"));
    const paths = valuePaths(file);
    expect(paths.length).toBeGreaterThan(40);
    const defaults = JSON.parse(JSON.stringify(defaultConfig())) as unknown;
    for (const path of paths) {
      expect(valueAt(defaults, path), path).toBeDefined();
      // Item fills (a step's `users: []`) come from the schema, so compare what the file says.
      expect({ [path]: valueAt(defaults, path) }).toMatchObject({ [path]: valueAt(file, path) });
    }
  });

  it("a setting missing from it is named when sevbot starts", () => {
    expect(() => builtIn("escalation.handoffTimeout")).not.toThrow();
    expect(() => builtIn("escalation.lunchBreak")).toThrow(
      `sevbot's built-in defaults ${FILE} have no \`escalation.lunchBreak\`.`,
    );
  });

  it("every call gets its own copy: changing one config leaves the next one alone", () => {
    const first = defaultConfig();
    first.checklists[1].push("changed by a caller");
    first.escalation.policies[1].steps[0]!.notify.channels.push("#elsewhere");
    const second = defaultConfig();
    expect(second.checklists[1]).not.toContain("changed by a caller");
    expect(second.escalation.policies[1].steps[0]!.notify.channels).toEqual(["#tech-incidents"]);
  });
});
