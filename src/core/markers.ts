import type { IssueRef } from "./model.js";
import { issueKey } from "./model.js";

/**
 * Hidden markers let sevbot find its own output again (principle 3). They are HTML comments, so
 * GitHub and GitLab render nothing.
 */

export function marker(key: string): string {
  return `<!-- sevbot:${key} -->`;
}

export function hasMarker(body: string | undefined, key: string): boolean {
  return (body ?? "").includes(marker(key));
}

/** Every sevbot comment on a source issue points at the incident's log issue. */
export function logRefMarker(log: IssueRef): string {
  return marker(`log-ref ${issueKey(log)}`);
}

const LOG_REF = /<!-- sevbot:log-ref (github|gitlab):(.+?)#(\d+) -->/;

export function findLogRef(body: string): IssueRef | undefined {
  const match = LOG_REF.exec(body);
  if (!match) return undefined;
  return { platform: match[1] as IssueRef["platform"], repo: match[2]!, number: Number(match[3]) };
}

/** Marks a log issue as such (so it is never taken for a new incident) and names its source. */
export function logIssueMarker(source: IssueRef): string {
  return marker(`log-for ${issueKey(source)}`);
}

const LOG_FOR = /<!-- sevbot:log-for (github|gitlab):(.+?)#(\d+) -->/;

/** The source issue a log issue belongs to. */
export function findLogSource(body: string): IssueRef | undefined {
  const match = LOG_FOR.exec(body);
  if (!match) return undefined;
  return { platform: match[1] as IssueRef["platform"], repo: match[2]!, number: Number(match[3]) };
}

export function isLogIssueBody(body: string): boolean {
  return /<!-- sevbot:log-for /.test(body);
}

/** All sevbot marker keys in a text (excluding the reference markers). */
export function markerKeys(body: string): string[] {
  const keys: string[] = [];
  for (const match of body.matchAll(/<!-- sevbot:([^\s>]+) -->/g)) keys.push(match[1]!);
  return keys;
}
