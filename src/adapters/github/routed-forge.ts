import type { Forge } from "../../ports/forge.js";

/**
 * One Forge over two tokens: the repository the workflow runs in with its own token, every other
 * repository (a separate tracker) with the token given for it. GITHUB_TOKEN reaches only its own
 * repository, so a tracker elsewhere needs a second token (e.g. a GitHub App's).
 */
export function routedForge(own: Forge, elsewhere: Forge, ownRepo: string): Forge {
  const pick = (repo: string) => (repo.toLowerCase() === ownRepo.toLowerCase() ? own : elsewhere);
  return {
    getIssue: (ref) => pick(ref.repo).getIssue(ref),
    listComments: (ref) => pick(ref.repo).listComments(ref),
    createComment: (ref, body) => pick(ref.repo).createComment(ref, body),
    createIssue: (repo, issue) => pick(repo).createIssue(repo, issue),
    updateIssue: (ref, patch) => pick(ref.repo).updateIssue(ref, patch),
    addLabels: (ref, labels) => pick(ref.repo).addLabels(ref, labels),
    removeLabel: (ref, label) => pick(ref.repo).removeLabel(ref, label),
    findIssueByMarker: (repo, label, marker, since) =>
      pick(repo).findIssueByMarker(repo, label, marker, since),
    listOpenIssues: (repo, label) => pick(repo).listOpenIssues(repo, label),
    listRecentIssues: (repo, label) => pick(repo).listRecentIssues(repo, label),
    readFile: (repo, path) => pick(repo).readFile(repo, path),
    permission: (repo, user, userId) => pick(repo).permission(repo, user, userId),
  };
}

/**
 * Stands in for a second token that was not given: every call fails at once, for good (the 404
 * GitHub itself answers for a repository a token cannot see), saying which input is missing.
 */
export function missingTokenForge(explain: (repo: string) => string): Forge {
  const fail = (repo: string) =>
    Promise.reject(Object.assign(new Error(explain(repo)), { status: 404 }));
  return {
    getIssue: (ref) => fail(ref.repo),
    listComments: (ref) => fail(ref.repo),
    createComment: (ref) => fail(ref.repo),
    createIssue: (repo) => fail(repo),
    updateIssue: (ref) => fail(ref.repo),
    addLabels: (ref) => fail(ref.repo),
    removeLabel: (ref) => fail(ref.repo),
    findIssueByMarker: (repo) => fail(repo),
    listOpenIssues: (repo) => fail(repo),
    listRecentIssues: (repo) => fail(repo),
    readFile: (repo) => fail(repo),
    permission: (repo) => fail(repo),
  };
}
