import type { Severity } from "../model.js";
import { COMMAND_NAMES, type Command } from "./types.js";

/**
 * Finds slash commands: one per line, at the start of the line, case-insensitive, in order.
 * Lines inside fenced code blocks, indented code and quotes are not commands (people quote
 * each other's commands and paste logs).
 */
export function parseCommands(body: string): Command[] {
  const commands: Command[] = [];
  // `root cause: <text>` on a line of its own completes the `/resolve` before it.
  let openResolve: Extract<Command, { name: "resolve" }> | undefined;
  let fence: string | undefined;
  for (const rawLine of body.split(/\r?\n/)) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(rawLine);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence || /^( {4}|\t)/.test(rawLine) || /^\s*>/.test(rawLine)) continue;
    const command = parseLine(rawLine.trim());
    if (command) {
      commands.push(command);
      openResolve = command.name === "resolve" && !command.rootCause ? command : undefined;
    } else if (openResolve && ROOT_CAUSE_LINE.test(rawLine.trim())) {
      const { rootCause, emptyRootCause } = resolveArguments(rawLine.trim());
      if (emptyRootCause) openResolve.emptyRootCause = true;
      if (rootCause) {
        openResolve.rootCause = rootCause;
        delete openResolve.emptyRootCause;
        openResolve = undefined;
      }
    }
  }
  return commands;
}

function parseLine(written: string): Command | undefined {
  // `/sevbot ack` means `/ack` everywhere: on GitLab it keeps GitLab's own quick actions off sevbot's commands.
  const line = written.replace(/^\/sevbot\s+(?=[A-Za-z])/i, "/");
  const match = /^\/([A-Za-z][\w-]*)(?:\s+(.*))?$/.exec(line);
  if (!match) return undefined;
  const word = match[1]!.toLowerCase();
  const rest = (match[2] ?? "").trim();
  if (!(COMMAND_NAMES as readonly string[]).includes(word)) return { name: "unknown", line, word };
  return parseKnown(word as (typeof COMMAND_NAMES)[number], rest, line);
}

function parseKnown(name: (typeof COMMAND_NAMES)[number], rest: string, line: string): Command {
  switch (name) {
    case "impact":
      return { name, line, text: rest };
    case "action":
      return { name, line, ...issueArgument(rest), text: rest };
    case "lead":
    case "handoff":
      return { name, line, ...userArgument(rest) };
    case "sev":
      return { name, line, ...severityArgument(rest) };
    case "status":
      return { name, line, text: rest };
    case "timeline":
      return { name, line, ...timelineArguments(rest) };
    case "decide":
      return { name, line, option: rest };
    case "mitigated":
      return { name, line, summary: rest };
    case "resolve":
      return { name, line, ...resolveArguments(rest) };
    case "page":
      return { name, line, ...pageArguments(rest) };
    default:
      return { name, line };
  }
}

/** `#12`, `owner/repo#12` or GitLab's `group/sub/project#12`. */
function issueArgument(rest: string): { issue?: string } {
  const match = /^((?:[\w.-]+\/)+[\w.-]+)?#(\d+)$/.exec(rest.trim());
  return match ? { issue: `${match[1] ?? ""}#${match[2]}` } : {};
}

function userArgument(rest: string): { user?: string; team?: string } {
  // `@acme/sre` is a team: said as such, never taken for the user `acme`.
  const team = /^@?([A-Za-z0-9][\w.-]*\/[\w.-]+)/.exec(rest);
  if (team) return { team: team[1]! };
  const match = /^@?([A-Za-z0-9][\w.-]*(?:\[bot\])?)\b/.exec(rest);
  return match ? { user: match[1]! } : {};
}

function severityArgument(rest: string): { severity?: Severity } {
  const match = /^(?:sev-?)?([1-4])$/i.exec(rest);
  return match ? { severity: Number(match[1]) as Severity } : {};
}

/**
 * `/timeline 14:05 text` or `/timeline 2026-11-22T14:05Z text`; otherwise the time is now. A
 * leading time that is no real time (`25:99`) is reported, never moved to another day.
 */
function timelineArguments(rest: string): { time?: string; text: string; badTime?: string } {
  const match = /^(\S+?(?: ?UTC)?)\s+(.+)$/i.exec(rest);
  const word = match?.[1] ?? rest;
  if (!/^(\d{1,2}:|\d{4}-)\d/.test(word)) return { text: rest };
  if (!isValidTime(word)) return { badTime: word, text: match?.[2] ?? "" };
  return { time: word, text: match?.[2] ?? "" };
}

function isValidTime(word: string): boolean {
  const clock = /^(\d{1,2}):(\d{2})(?:Z| ?UTC)?$/i.exec(word);
  if (clock) return Number(clock[1]) <= 23 && Number(clock[2]) <= 59;
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z$/.exec(word);
  if (!iso) return false;
  const [year, month, day, hour, minute, second] = iso.slice(1).map((part) => Number(part ?? 0));
  const at = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  // Date.UTC rolls 2026-02-30 over to March: a real date reads back the same.
  return (
    at.getUTCFullYear() === year &&
    at.getUTCMonth() === month! - 1 &&
    at.getUTCDate() === day &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59
  );
}

const ROOT_CAUSE_LINE = /^root[ -]cause\s*:/i;
/** `root cause: <text>`, `root cause unknown`, or a bare `root cause:`, ending the line. */
const ROOT_CAUSE_CLAUSE = /(?:^|[\s.;,(-])root[ -]cause(?:\s*:\s*(.*)|\s+(?:is\s+)?unknown\b.*)$/i;

/**
 * `/resolve [summary] [root cause: <text> | root cause unknown]`: the free text is the resolution
 * summary; the root cause is known only when stated after `root cause:`.
 */
function resolveArguments(
  rest: string,
): Omit<Extract<Command, { name: "resolve" }>, "name" | "line"> {
  if (/^unknown$/i.test(rest)) return { rootCause: { known: false } };
  const clause = ROOT_CAUSE_CLAUSE.exec(rest);
  const summary = (clause ? rest.slice(0, clause.index) : rest).replace(/[\s.;,:-]+$/, "").trim();
  const withSummary = summary ? { summary } : {};
  if (!clause) return withSummary;
  const stated = clause[1];
  if (stated === undefined || /^unknown\.?$/i.test(stated.trim()))
    return { ...withSummary, rootCause: { known: false } };
  const text = stated.trim();
  return text
    ? { ...withSummary, rootCause: { known: true, text } }
    : { ...withSummary, emptyRootCause: true };
}

/** `/page @user why`, `/page team-name why`: the first word is who, the rest is the reason. */
function pageArguments(rest: string): { target?: string; reason: string; mention?: boolean } {
  const match = /^(@?)([A-Za-z0-9][\w.-]*(?:\/[\w.-]+)?)\s*(.*)$/s.exec(rest);
  return match
    ? { target: match[2]!, reason: match[3]!.trim(), mention: match[1] === "@" }
    : { reason: "" };
}
