/** `--name value` and `--name=value` pairs; bare words are collected in `_`. */
export function parseFlags(args: string[]): Record<string, string | undefined> & { _: string } {
  const flags: Record<string, string | undefined> = {};
  const words: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      words.push(arg);
      continue;
    }
    flags[match[1]!] = match[2] ?? (args[index + 1]?.startsWith("--") ? "true" : args[++index]);
  }
  return { ...flags, _: words.join(" ") };
}
