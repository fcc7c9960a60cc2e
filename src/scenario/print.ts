import type { Sandbox } from "../sandbox/index.js";

/** Hidden markers and state blocks are for sevbot; people reading the demo do not need them. */
export function withoutHiddenParts(text: string): string {
  return text
    .replace(/<!-- sevbot:state[\s\S]*?-->/g, "")
    .replace(/<!-- sevbot:[^>]*-->/g, "")
    .replace(/\u2060/g, "")
    .trim();
}

function indent(text: string, prefix = "    "): string {
  return text
    .split("\n")
    .map((line) => `${prefix}${line}`)
    .join("\n");
}

/** One issue with its labels and comments, readably. */
export function formatThread(sandbox: Sandbox, repo: string, number: number): string {
  const issue = sandbox.issue(repo, number);
  const labels = issue.labels.map((label) => label.name).join(", ") || "none";
  const lines = [
    `━━ ${repo}#${number} [${issue.state}] ${issue.title}`,
    `   by ${issue.user.login} · labels: ${labels}${issue.assignees.length ? ` · assigned: ${issue.assignees.map((a) => a.login).join(", ")}` : ""}`,
    indent(withoutHiddenParts(issue.body ?? "")),
  ];
  for (const comment of sandbox.comments(repo, number)) {
    lines.push(`  ── ${comment.user.login}:`, indent(withoutHiddenParts(comment.body ?? "")));
  }
  return lines.join("\n");
}

export function formatRepository(sandbox: Sandbox, repo: string): string {
  return sandbox
    .issues(repo)
    .sort((a, b) => a.number - b.number)
    .map((issue) => formatThread(sandbox, repo, issue.number))
    .join("\n\n");
}
