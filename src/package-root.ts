import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SettingsError } from "./config/settings-error.js";

/**
 * A file shipped with sevbot (config/default.yml, the issue templates), by its path in the
 * package. The root is the nearest folder above this module whose package.json is sevbot's, so
 * the same code finds it from src/ (tests), dist/ (npm) and a bundle anywhere in a checkout.
 */
export function packageFile(path: string): string {
  return join(packageRoot(dirname(fileURLToPath(import.meta.url))), path);
}

function packageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (isSevbotPackage(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir)
      throw new SettingsError(`sevbot's package.json was not found in any folder above ${start}.`);
  }
}

function isSevbotPackage(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: unknown }).name === "sevbot";
  } catch {
    return false;
  }
}
