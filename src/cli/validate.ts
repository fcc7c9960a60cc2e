import { readFileSync } from "node:fs";
import { parseConfigText } from "../config/load.js";
import { localConfigFile } from "./config-file.js";

/**
 * `sevbot validate [file]` (default `.github/sevbot.yml`, else `.gitlab/sevbot.yml`): every
 * config error with its path; exit code 1 when there is any, 2 when the file cannot be read.
 */
export function runValidate(
  args: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): number {
  const file = args[0] ?? localConfigFile();
  const hint = args[0] ? "" : " (name the file to check: sevbot validate path/to/sevbot.yml)";
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    err(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}${hint}`,
    );
    return 2;
  }
  const { error } = parseConfigText(text, file);
  if (error) {
    err(error);
    return 1;
  }
  out(`${file} is valid.`);
  return 0;
}
