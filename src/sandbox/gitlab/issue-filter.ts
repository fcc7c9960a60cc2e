import type { SandboxIssue } from "../store.js";
import { queryList } from "./params.js";

const has = (issue: SandboxIssue, name: string) =>
  issue.labels.some((label) => label.name.toLowerCase() === name.toLowerCase());

/**
 * `GET /projects/:id/issues` filters: `labels` (all must match; `None` and `Any` as GitLab
 * reads them), `not[labels]`, `state` (default all), `search` (title and description), `iids`,
 * `confidential`, `author_username`, `assignee_username`, `created_after`, `updated_after`.
 */
export function issueFilter(query: URLSearchParams): (issue: SandboxIssue) => boolean {
  const state = query.get("state") ?? "all";
  const labels = queryList(query, "labels") ?? [];
  const notLabels = queryList(query, "not[labels]") ?? [];
  const search = query.get("search")?.toLowerCase();
  const iids = queryList(query, "iids")?.map(Number);
  const confidential = query.get("confidential");
  const author = query.get("author_username");
  const assignee = query.get("assignee_username");
  const createdAfter = query.get("created_after");
  const updatedAfter = query.get("updated_after");
  const labelsMatch = (issue: SandboxIssue) => {
    if (labels.length === 1 && labels[0]!.toLowerCase() === "none")
      return issue.labels.length === 0;
    if (labels.length === 1 && labels[0]!.toLowerCase() === "any") return issue.labels.length > 0;
    return labels.every((name) => has(issue, name));
  };
  return (issue) =>
    (state === "all" || (state === "opened") === (issue.state === "open")) &&
    labelsMatch(issue) &&
    !notLabels.some((name) => has(issue, name)) &&
    (!search ||
      issue.title.toLowerCase().includes(search) ||
      (issue.body ?? "").toLowerCase().includes(search)) &&
    (!iids || iids.includes(issue.number)) &&
    (confidential === null || String(issue.confidential) === confidential) &&
    (!author || issue.user.login === author) &&
    (!assignee || issue.assignees.some((user) => user.login === assignee)) &&
    (!createdAfter || issue.created_at >= createdAfter) &&
    (!updatedAfter || issue.updated_at >= updatedAfter);
}
