import type { Severity } from "../model.js";
import { COMMAND_NAMES, type Command } from "./types.js";

/**
 * Finds slash commands: one per line, at the start of the line, case-insensitive, in order.
 * Lines inside fenced code blocks, indented code and quotes are not commands (people quote
 * each other's commands and paste logs).
 */
export function parseCommands(body: string): Command[] {
  const commands: Command[] = [];
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
    if (command) commands.push(command);
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
      return { name, line, ...issueArgument(rest) };
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
      return { name, line, ...rootCauseArgument(rest) };
    default:
      return { name, line };
  }
}

/** `#12`, `owner/repo#12` or GitLab's `group/sub/project#12`. */
function issueArgument(rest: string): { issue?: string } {
  const match = /^((?:[\w.-]+\/)+[\w.-]+)?#(\d+)$/.exec(rest.trim());
  return match ? { issue: `${match[1] ?? ""}#${match[2]}` } : {};
}

function userArgument(rest: string): { user?: string } {
  const match = /^@?([A-Za-z0-9][\w.-]*(?:\[bot\])?)\b/.exec(rest);
  return match ? { user: match[1]! } : {};
}

function severityArgument(rest: string): { severity?: Severity } {
  const match = /^(?:sev-?)?([1-4])$/i.exec(rest);
  return match ? { severity: Number(match[1]) as Severity } : {};
}

/** `/timeline 14:05 text` or `/timeline 2026-11-22T14:05Z text`; otherwise the time is now. */
function timelineArguments(rest: string): { time?: string; text: string } {
  const match =
    /^(\d{1,2}:\d{2}(?:Z| ?UTC)?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?Z)\s+(.+)$/i.exec(
      rest,
    );
  return match ? { time: match[1]!, text: match[2]! } : { text: rest };
}

function rootCauseArgument(rest: string): { rootCause?: { known: boolean; text?: string } } {
  if (rest === "") return {};
  if (/^root[ -]cause(?:\s*:)?\s*unknown\b/i.test(rest) || /^unknown$/i.test(rest))
    return { rootCause: { known: false } };
  const match = /^root[ -]cause\s*:\s*(.+)$/i.exec(rest);
  return { rootCause: { known: true, text: (match ? match[1]! : rest).trim() } };
}
