import type { Platform } from "./model.js";

/**
 * The issue key (`github:acme/shop#7`, `gitlab:group/sub/project#7`) of an issue's web address,
 * as GitHub (`/<owner>/<repo>/issues/7`, also on Enterprise hosts) and GitLab
 * (`/<group>/<project>/-/issues/7`) write them; undefined for any other address.
 */
export function issueKeyOfUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  const gitlab = /^\/(.+?)\/-\/(?:issues|work_items)\/(\d+)\/?$/.exec(parsed.pathname);
  if (gitlab) return key("gitlab", gitlab[1]!, gitlab[2]!);
  const github = /^\/([\w.-]+\/[\w.-]+)\/issues\/(\d+)\/?$/.exec(parsed.pathname);
  return github ? key("github", github[1]!, github[2]!) : undefined;
}

function key(platform: Platform, repo: string, number: string): string {
  return `${platform}:${decodeURIComponent(repo)}#${Number(number)}`;
}

/** Every web address in a text, in order (a war room's topic ends with its incident's). */
export function urlsIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s<>|]+/g) ?? [];
}
