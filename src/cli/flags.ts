import { closestWord } from "../core/closest-word.js";

/** A command line that cannot mean anything: said with the verb's usage, exit code 2. */
export class UsageError extends Error {}

/**
 * `--name value` and `--name=value` pairs; bare words are collected in `_`. With `known`, an
 * option the verb does not take is refused with a guess (`--platfrom`: did you mean
 * `--platform`?) instead of being ignored while the run goes on without it.
 */
export function parseFlags(
  args: string[],
  known?: readonly string[],
): Record<string, string | undefined> & { _: string } {
  const flags: Record<string, string | undefined> = {};
  const words: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      words.push(arg);
      continue;
    }
    if (known && !known.includes(match[1]!)) throw unknownOption(match[1]!, known);
    flags[match[1]!] = match[2] ?? (args[index + 1]?.startsWith("--") ? "true" : args[++index]);
  }
  return { ...flags, _: words.join(" ") };
}

function unknownOption(name: string, known: readonly string[]): UsageError {
  const meant = closestWord(name, known);
  const guess = meant ? ` (did you mean --${meant}?)` : "";
  const options = known.length > 0 ? known.map((option) => `--${option}`).join(", ") : "none";
  return new UsageError(`unknown option --${name}${guess}; options: ${options}.`);
}
