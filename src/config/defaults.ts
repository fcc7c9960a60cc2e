import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { packageFile } from "../package-root.js";
import { SettingsError } from "./settings-error.js";

/**
 * The built-in defaults' one source: config/default.yml (the seeds' incident process as data),
 * read once when sevbot starts. The core never sees the file: it gets the parsed config.
 */
export const DEFAULTS_FILE = packageFile("config/default.yml");

const parsedFile: unknown = readDefaults(DEFAULTS_FILE);

function readDefaults(file: string): unknown {
  try {
    return yaml.load(readFileSync(file, "utf8"), { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new SettingsError(
      `sevbot cannot read its built-in defaults ${file}: ${(error as Error).message}`,
    );
  }
}

/** The whole file as read, for checking it against the schema once the schema exists. */
export function defaultsDocument(): unknown {
  return structuredClone(parsedFile);
}

/**
 * The default of the setting at a dotted path (`escalation.statusEvery.1`), for the schema's
 * `.prefault(...)`: each parse gets its own copy, parsed like a value the user wrote. A setting
 * missing from the file stops sevbot at start-up rather than leaving it undefined. Typed `never`
 * so any field accepts it: the whole file is checked against the schema once the schema exists.
 */
export function builtIn(path: string): () => never {
  let value: unknown = parsedFile;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || !(key in value))
      throw new SettingsError(`sevbot's built-in defaults ${DEFAULTS_FILE} have no \`${path}\`.`);
    value = (value as Record<string, unknown>)[key];
  }
  return () => structuredClone(value) as never;
}
