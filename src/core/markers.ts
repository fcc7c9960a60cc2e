import type { IssueRef } from "./model.js";
import { fnv1a } from "./codename.js";
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

/** The issue named by a reference marker (`log-ref` or `log-for`) in a text, if any. */
function findReference(body: string, kind: "log-ref" | "log-for"): IssueRef | undefined {
  const match = new RegExp(`<!-- sevbot:${kind} (github|gitlab):(.+?)#(\\d+) -->`).exec(body);
  if (!match) return undefined;
  return { platform: match[1] as IssueRef["platform"], repo: match[2]!, number: Number(match[3]) };
}

export function findLogRef(body: string): IssueRef | undefined {
  return findReference(body, "log-ref");
}

/** Marks a log issue as such (so it is never taken for a new incident) and names its source. */
export function logIssueMarker(source: IssueRef): string {
  return marker(`log-for ${issueKey(source)}`);
}

/** The source issue a log issue belongs to. */
export function findLogSource(body: string): IssueRef | undefined {
  return findReference(body, "log-for");
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

const SEAL = /\n?<!-- sevbot:body ([0-9a-f]+) -->\s*$/;

function digest(text: string): string {
  return fnv1a(text.replace(/\r\n/g, "\n").trimEnd()).toString(16);
}

/** Ends a body sevbot writes with a digest of it, so a later rewrite can tell whether people edited it. */
export function sealBody(body: string): string {
  return `${body.trimEnd()}\n<!-- sevbot:body ${digest(body)} -->`;
}

/** The body is exactly what sevbot sealed (no seal: written before seals existed, treated as edited). */
export function isUnedited(body: string): boolean {
  const seal = SEAL.exec(body);
  return seal !== null && digest(body.slice(0, seal.index)) === seal[1];
}
