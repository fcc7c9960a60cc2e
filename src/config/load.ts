import yaml from "js-yaml";
import type { z } from "zod";
import { crossReferenceProblems } from "./cross-references.js";
import { describeIssue } from "./messages.js";
import { SevbotConfig } from "./schema.js";

export interface LoadedConfig {
  config: SevbotConfig;
  /** A readable report starting `Invalid config in <file>:` when anything was wrong. */
  error?: string;
  /**
   * The file could not be read (a forge outage) and these are the built-in defaults standing in
   * for it: an incident declared with them gets the real owners and policy once it can be read.
   */
  provisional?: boolean;
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
  const data = datesAsText(raw) as Record<string, unknown>;
  const parsed = SevbotConfig.safeParse(data, { reportInput: true });
  if (parsed.success) {
    const problems = crossReferenceProblems(parsed.data);
    if (problems.length === 0) return { config: parsed.data };
    return { config: parsed.data, error: `Invalid config in ${fileName}:\n${problems.join("\n")}` };
  }
  // An unknown setting (a typo: `owner:` for `owners:`) is named and left out; the rest of its
  // section still counts, since falling back would also drop the owners and on-call beside it.
  const unknown = parsed.error.issues.filter((issue) => issue.code === "unrecognized_keys");
  const known = unknown.length > 0 ? withoutKeys(data, unknown) : data;
  const reparsed =
    unknown.length > 0 ? SevbotConfig.safeParse(known, { reportInput: true }) : parsed;
  const errors = reparsed.success ? [] : reparsed.error.issues;
  const badSections = new Set(errors.flatMap(topLevelKeys));
  const kept = Object.fromEntries(Object.entries(known).filter(([key]) => !badSections.has(key)));
  const fallback = reparsed.success ? reparsed : SevbotConfig.safeParse(kept);
  const config = fallback.success ? fallback.data : defaultConfig();
  const problems = crossReferenceProblems(config);
  const issues = [...unknown, ...errors];
  return { config, error: formatConfigError(fileName, issues, [...badSections], problems) };
}

/** A copy of `data` without the keys the unknown-setting issues name. */
function withoutKeys(data: Record<string, unknown>, issues: z.core.$ZodIssue[]) {
  const copy = structuredClone(data);
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    let at: unknown = copy;
    for (const step of issue.path) at = (at as Record<PropertyKey, unknown> | undefined)?.[step];
    if (at && typeof at === "object")
      for (const key of issue.keys) delete (at as Record<string, unknown>)[key];
  }
  return copy;
}

/**
 * The one YAML reading of a config file, for `validate`, GitLab and the CLI: YAML 1.2's core
 * schema, as Probot's loader reads it on GitHub, so `startDate: 2026-01-05` stays the text
 * 2026-01-05 everywhere instead of becoming a `Date` here and a string there. A syntax error
 * becomes a config error with its line and column, never an exception.
 */
export function parseConfigText(text: string | undefined, fileName: string): LoadedConfig {
  if (text === undefined) return { config: defaultConfig() };
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: fileName });
  } catch (error) {
    const { mark, reason, message } = error as yaml.YAMLException;
    return yamlSyntaxError(fileName, {
      line: mark ? mark.line + 1 : undefined,
      column: mark ? mark.column + 1 : undefined,
      reason: reason ?? message.split("\n")[0] ?? "",
    });
  }
  return parseConfig(raw, fileName);
}

export interface YamlSyntax {
  /** 1-based, as editors count. */
  line: number | undefined;
  column: number | undefined;
  reason: string;
}

/** A file that is not YAML: nothing in it can be trusted, so every section is the default. */
export function yamlSyntaxError(fileName: string, syntax: YamlSyntax): LoadedConfig {
  const where =
    syntax.line === undefined ? "" : ` line ${syntax.line}, column ${syntax.column ?? 1}:`;
  return {
    config: defaultConfig(),
    error: `Invalid config in ${fileName}:\n- (YAML)${where} ${syntax.reason}\nsevbot is using the built-in defaults for every setting until this is fixed.`,
  };
}

/**
 * Another YAML reader (a caller's own, YAML 1.1 timestamps) may hand over `Date`s: they are
 * compared as the text they were written as, so every reader checks a file identically.
 */
function datesAsText(value: unknown): unknown {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return String(value);
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map(datesAsText);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, datesAsText(item)]));
  return value;
}

function topLevelKeys(issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys" && issue.path.length === 0) return issue.keys;
  return [String(issue.path[0] ?? "")];
}

export function formatConfigError(
  fileName: string,
  issues: z.core.$ZodIssue[],
  fellBack: string[],
  /** Further problems found in what was kept (`cross-references.ts`), listed before the footer. */
  problems: string[] = [],
): string {
  const lines = [...issues.flatMap((issue) => describeIssue(issue, SevbotConfig)), ...problems];
  const sections = fellBack.filter(Boolean).map((key) => `\`${key}\``);
  const footer =
    sections.length > 0
      ? `\nsevbot is using the built-in defaults for ${sections.join(", ")} until this is fixed.`
      : "";
  return `Invalid config in ${fileName}:\n${lines.join("\n")}${footer}`;
}
