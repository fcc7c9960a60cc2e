import type { GithubApi } from "./github-api.js";
import { EXAMPLE_REPO } from "./github-examples.js";

/** The example repository's REST path, as the app's requests name it. */
export const EXAMPLE_REPO_PATH = `/repos/${EXAMPLE_REPO}`;

/** GitHub's answer for an issue sevbot wrote in the example repository. */
export function botIssue(
  number: number,
  body: string,
  options: { title?: string; labels?: string[] } = {},
) {
  return {
    id: 9000 + number,
    number,
    title: options.title ?? "[SEV-1] x",
    body,
    state: "open",
    html_url: `https://github.com/${EXAMPLE_REPO}/issues/${number}`,
    user: { login: "sevbot[bot]", type: "Bot" },
    labels: (options.labels ?? []).map((name) => ({ name })),
    created_at: "2026-11-22T14:00:00Z",
  };
}

/** GitHub's answer for a comment sevbot wrote. */
export function botComment(id: number, body: string) {
  return { id, body, user: { login: "sevbot[bot]", type: "Bot" } };
}

/**
 * The replies to a first Sev-1 declaration on issue #1, after the token and the config, in order:
 * the source's comments, [a comment about the config], the recent log issues (for the number), the
 * log issue, the checklist, the status label, and last the similar-incident search.
 */
export function sev1DeclarationReplies(
  api: GithubApi,
  options: {
    logLabel?: string;
    logNumber?: number;
    configComment?: string;
    pastLogs?: unknown[];
  } = {},
) {
  const repo = EXAMPLE_REPO_PATH;
  const logLabel = options.logLabel ?? "incident-log";
  const logs = `${repo}/issues?labels=${logLabel}&state=all&sort=created&direction=desc&per_page=100`;
  api.reply("GET", `${repo}/issues/1/comments?per_page=100`, 200, []);
  if (options.configComment !== undefined)
    api.reply("POST", `${repo}/issues/1/comments`, 201, botComment(500, options.configComment));
  api.reply("GET", `${logs}&since=2026-11-21T14:00:00.000Z`, 200, []);
  const logIssue = botIssue(options.logNumber ?? 2, "x", { labels: [logLabel] });
  api.reply("POST", `${repo}/issues`, 201, logIssue);
  api.reply("POST", `${repo}/issues/1/comments`, 201, botComment(501, "checklist"));
  api.reply("POST", `${repo}/issues/1/labels`, 200, []);
  api.reply("GET", logs, 200, options.pastLogs ?? []);
}
