import type { Sandbox } from "../../src/sandbox/index.js";

/**
 * What people see in a repository once sevbot is done: every issue with its title, state,
 * labels, assignees, body and comments (author and text). Addresses of the sandbox (its port)
 * are written `<forge>`, so two sandboxes can be compared.
 */
export function forgeState(sandbox: Sandbox, repo: string) {
  const plain = (text: string | null | undefined) =>
    (text ?? "").replaceAll(sandbox.url, "<forge>");
  return sandbox
    .issues(repo)
    .sort((a, b) => a.number - b.number)
    .map((issue) => ({
      number: issue.number,
      title: issue.title,
      state: issue.state,
      labels: issue.labels.map((label) => label.name).sort(),
      assignees: issue.assignees.map((user) => user.login).sort(),
      body: plain(issue.body),
      comments: sandbox.comments(repo, issue.number).map((comment) => ({
        author: comment.user.login,
        body: plain(comment.body),
      })),
    }));
}

/** Waits until the sandbox has delivered every webhook and the runner has no run left. */
export async function settleRuns(
  sandbox: Sandbox,
  runner: { idle(): Promise<void> },
): Promise<void> {
  for (let round = 0; round < 50; round++) {
    await sandbox.idle();
    const delivered = sandbox.deliveries.length;
    await runner.idle();
    await sandbox.idle();
    if (sandbox.deliveries.length === delivered) return;
  }
  throw new Error("the Action's runs did not settle");
}
