import type { z } from "zod";
import { closestWord } from "../core/closest-word.js";

/**
 * Config errors in words that say what is allowed: `must be 1, 2, 3 or 4`, `must be one of
 * read, triage, …`, `unknown setting; allowed here: …`. Zod's own wording ("Invalid input")
 * names neither the value nor the fix.
 */
export function describeIssue(issue: z.core.$ZodIssue, root: z.ZodType): string[] {
  const at = (key?: PropertyKey) =>
    `\`${[...issue.path, ...(key === undefined ? [] : [key])].map(String).join(".") || "(root)"}\``;
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeysAt(root, issue.path);
    const hint = allowed.length > 0 ? `; allowed here: ${allowed.join(", ")}` : "";
    return issue.keys.map((key) => {
      const meant = closestWord(key, allowed);
      const guess = meant ? ` (did you mean \`${meant}\`?)` : "";
      return `- ${at(key)}: unknown setting, ignored${guess}${hint}`;
    });
  }
  return [`- ${at()}: ${explain(issue)}`];
}

function explain(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_value":
      return `must be ${orList(issue.values.map(show))}, not ${show(issue.input)}`;
    case "invalid_type":
      return issue.input === undefined
        ? `is required (${noun(issue.expected)})`
        : `must be ${noun(issue.expected)}, not ${show(issue.input)}`;
    case "too_small":
    case "too_big":
      return bound(issue);
    case "invalid_union":
      // Custom messages (`must be 1, 2, 3 or 4`) are kept; zod's own default says nothing.
      return issue.message === "Invalid input"
        ? `${show(issue.input)} is not an allowed value`
        : issue.message;
    default:
      // Our own messages (regexes, refinements) say what is allowed; add what was written.
      return typeof issue.input === "string" || typeof issue.input === "number"
        ? `${issue.message}, not ${show(issue.input)}`
        : issue.message;
  }
}

function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const limit = Number(small ? issue.minimum : issue.maximum);
  const value = issue.input === undefined ? "" : `, not ${show(issue.input)}`;
  if (issue.origin === "array")
    return small
      ? `must list at least ${limit} ${limit === 1 ? "entry" : "entries"}`
      : `must list at most ${limit} entries`;
  if (issue.origin === "string")
    return small && limit === 1
      ? "must not be empty"
      : `${small ? "at least" : "at most"} ${limit} characters`;
  const inclusive = issue.inclusive !== false;
  const word = small ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
  return `must be ${word} ${limit}${value}`;
}

const NOUNS: Record<string, string> = {
  array: "a list",
  object: "a mapping of settings",
  record: "a mapping",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

function noun(expected: string): string {
  return NOUNS[expected] ?? expected;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "empty";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.length > 2 ? "one of " : ""}${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** The setting names a mapping at `path` accepts, found by walking the schema. */
function allowedKeysAt(root: z.ZodType, path: PropertyKey[]): string[] {
  let node: unknown = root;
  for (const key of path) {
    node = child(unwrap(node), key);
    if (!node) return [];
  }
  const def = defOf(unwrap(node));
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

interface Def {
  type: string;
  innerType?: unknown;
  in?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  valueType?: unknown;
}

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** Skips defaults, optionals and pipes down to the schema that holds the shape. */
function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let def = defOf(current); def; def = defOf(current)) {
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!inner) break;
    current = inner;
  }
  return current;
}

function child(schema: unknown, key: PropertyKey): unknown {
  const def = defOf(schema);
  if (def?.type === "object") return def.shape?.[String(key)];
  if (def?.type === "array") return def.element;
  if (def?.type === "record") return def.valueType;
  return undefined;
}
