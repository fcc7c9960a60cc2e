import yaml from "js-yaml";
import type { z } from "zod";
import { SevbotConfig } from "./schema.js";

export interface LoadedConfig {
  config: SevbotConfig;
  /** A readable report starting `Invalid config in <file>:` when anything was wrong. */
  error?: string;
}

export function defaultConfig(): SevbotConfig {
  return SevbotConfig.parse({});
}

/**
 * Validates raw config. Sections with errors fall back to their built-in defaults while valid
 * sections are kept, so a typo in one place never silences the owners and on-call configured in
 * another (principle 9).
 */
export function parseConfig(raw: unknown, fileName: string): LoadedConfig {
  if (raw === undefined || raw === null) return { config: defaultConfig() };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return {
      config: defaultConfig(),
      error: `Invalid config in ${fileName}:\n- (root): must be a mapping of settings, got ${Array.isArray(raw) ? "a list" : typeof raw}`,
    };
  }
  const parsed = SevbotConfig.safeParse(raw);
  if (parsed.success) return { config: parsed.data };
  const badSections = new Set(parsed.error.issues.flatMap(topLevelKeys));
  const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !badSections.has(key)));
  const fallback = SevbotConfig.safeParse(kept);
  return {
    config: fallback.success ? fallback.data : defaultConfig(),
    error: formatConfigError(fileName, parsed.error, [...badSections]),
  };
}

/** Parses YAML text; a syntax error becomes a config error, never an exception. */
export function parseConfigText(text: string | undefined, fileName: string): LoadedConfig {
  if (text === undefined) return { config: defaultConfig() };
  try {
    return parseConfig(yaml.load(text), fileName);
  } catch (error) {
    return {
      config: defaultConfig(),
      error: `Invalid config in ${fileName}:\n- (YAML): ${(error as Error).message.split("\n")[0]}`,
    };
  }
}

function topLevelKeys(issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys" && issue.path.length === 0) return issue.keys;
  return [String(issue.path[0] ?? "")];
}

export function formatConfigError(fileName: string, error: z.ZodError, fellBack: string[]): string {
  const lines = error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => `- \`${[...issue.path, key].join(".")}\`: unknown setting`);
    }
    return [`- \`${issue.path.join(".") || "(root)"}\`: ${issue.message}`];
  });
  const sections = fellBack.filter(Boolean).map((key) => `\`${key}\``);
  const footer =
    sections.length > 0
      ? `\nsevbot is using the built-in defaults for ${sections.join(", ")} until this is fixed.`
      : "";
  return `Invalid config in ${fileName}:\n${lines.join("\n")}${footer}`;
}
