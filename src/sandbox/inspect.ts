import { commentJson, issueJson, labelJson } from "./payloads.js";
import { commentCount, type SandboxIssue, type SandboxRepo, type SandboxStore } from "./store.js";

/**
 * What tests and the scenario printer read, GitHub-shaped whichever platform the sandbox
 * speaks (`labels[].name`, `assignees[].login`, `state: "open" | "closed"`), so the same
 * assertions work against both.
 */
export function createInspection(store: SandboxStore, base: () => string) {
  const repoOf = (fullName: string): SandboxRepo => {
    const repo = store.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`sandbox has no repository ${fullName}`);
    return repo;
  };
  const issueOf = (fullName: string, number: number): SandboxIssue => {
    const issue = repoOf(fullName).issues.get(number);
    if (!issue) throw new Error(`${fullName}#${number} does not exist`);
    return issue;
  };
  const issueOut = (issue: SandboxIssue, repo: SandboxRepo) => ({
    ...issueJson(issue, repo, base(), commentCount(repo, issue.number)),
    confidential: issue.confidential,
  });

  return {
    repoOf,
    issueOf,
    issue(fullName: string, number: number) {
      return issueOut(issueOf(fullName, number), repoOf(fullName));
    },
    issues(fullName: string) {
      const repo = repoOf(fullName);
      return [...repo.issues.values()].map((issue) => issueOut(issue, repo));
    },
    comments(fullName: string, number: number) {
      const repo = repoOf(fullName);
      return repo.comments
        .filter((comment) => comment.issueNumber === number)
        .map((comment) => commentJson(comment, repo, base()));
    },
    labels(fullName: string) {
      const repo = repoOf(fullName);
      return [...repo.labels.values()].map((label) => labelJson(label, repo, base()));
    },
    /** GitLab issue links of an issue, from its side (`link_type` as GitLab reports it). */
    links(fullName: string, number: number) {
      return issueOf(fullName, number).links.map((link) => ({
        repo: link.repo,
        number: link.number,
        link_type: link.linkType,
        id: link.id,
      }));
    },
  };
}
