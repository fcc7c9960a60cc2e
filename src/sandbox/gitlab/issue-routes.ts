import type { IssueUpdate, Mutations } from "../mutations.js";
import { userById, type SandboxIssue, type SandboxRepo, type SandboxStore } from "../store.js";
import {
  badRequest,
  notFound,
  projectOf,
  withIssue,
  withProject,
  type GitlabRoute,
} from "./context.js";
import { issueFilter } from "./issue-filter.js";
import { issueJson } from "./json.js";
import { gitlabPage, sortBy } from "./paging.js";
import { flag, ids, list, text } from "./params.js";

/** Issues and issue links under `/projects/:id/issues`. */
export function issueRoutes(store: SandboxStore, mutate: Mutations): GitlabRoute[] {
  const loginsOf = (body: Record<string, unknown>) => {
    const wanted = ids(body.assignee_ids) ?? ids(body.assignee_id);
    return wanted?.flatMap((id) => userById(store, id)?.login ?? []);
  };
  return [
    {
      operationId: "getApiV4ProjectsIdIssues",
      write: false,
      handle: withProject(store, (repo, request) => {
        const issues = sortBy(
          [...repo.issues.values()].filter(issueFilter(request.query)),
          request.query,
        );
        return gitlabPage(
          issues.map((issue) => issueJson(issue, repo, request.base)),
          request,
        );
      }),
    },
    {
      operationId: "postApiV4ProjectsIdIssues",
      write: true,
      handle: withProject(store, (repo, { body, actor, base }) => {
        const assignees = loginsOf(body);
        const issue = mutate.openIssue(repo, actor, {
          title: String(body.title),
          body: text(body.description) ?? null,
          labels: [...(list(body.labels) ?? []), ...(list(body.add_labels) ?? [])],
          ...(assignees ? { assignees } : {}),
          confidential: flag(body.confidential) ?? false,
        });
        return { status: 201, body: issueJson(issue, repo, base) };
      }),
    },
    {
      operationId: "getApiV4ProjectsIdIssuesIssueIid",
      write: false,
      handle: withIssue(store, (repo, issue, { base }) => ({
        status: 200,
        body: issueJson(issue, repo, base),
      })),
    },
    {
      operationId: "putApiV4ProjectsIdIssuesIssueIid",
      write: true,
      handle: withIssue(store, (repo, issue, { body, actor, base }) => {
        mutate.updateIssue(repo, issue, actor, updateFrom(body, issue, loginsOf(body)));
        return { status: 200, body: issueJson(issue, repo, base) };
      }),
    },
    {
      operationId: "getApiV4ProjectsIdIssuesIssueIidLinks",
      write: false,
      handle: withIssue(store, (repo, issue, { base }) => ({
        status: 200,
        body: issue.links.flatMap((link) => {
          const target = store.repos.get(link.repo.toLowerCase());
          const linked = target?.issues.get(link.number);
          return target && linked
            ? [
                {
                  ...issueJson(linked, target, base),
                  issue_link_id: link.id,
                  link_type: link.linkType,
                  link_created_at: link.created_at,
                  link_updated_at: link.created_at,
                },
              ]
            : [];
        }),
      })),
    },
    {
      operationId: "postApiV4ProjectsIdIssuesIssueIidLinks",
      write: true,
      handle: withIssue(store, (repo, issue, { body, base }) => {
        const targetRepo = projectOf(store, String(body.target_project_id));
        const target = targetRepo?.issues.get(Number(body.target_issue_iid));
        if (!targetRepo || !target) return notFound();
        if (target === issue) return badRequest("Cannot link an issue to itself");
        if (
          issue.links.some(
            (link) => link.repo === targetRepo.fullName && link.number === target.number,
          )
        )
          return { status: 409, body: { message: "Issue(s) already assigned" } };
        const linkType = (text(body.link_type) ??
          "relates_to") as SandboxIssue["links"][number]["linkType"];
        link(store, repo, issue, targetRepo, target, linkType);
        return {
          status: 201,
          body: {
            source_issue: issueJson(issue, repo, base),
            target_issue: issueJson(target, targetRepo, base),
            link_type: linkType,
          },
        };
      }),
    },
  ];
}

/** A PUT's parameters as the issue's new state: `labels` replaces, then `add_labels`/`remove_labels`. */
function updateFrom(
  body: Record<string, unknown>,
  issue: SandboxIssue,
  assignees: string[] | undefined,
): IssueUpdate {
  const replaced = list(body.labels);
  const added = list(body.add_labels);
  const removed = list(body.remove_labels)?.map((name) => name.toLowerCase());
  const touchesLabels = replaced !== undefined || added !== undefined || removed !== undefined;
  const labels = [
    ...(replaced ?? issue.labels.map((label) => label.name)),
    ...(added ?? []),
  ].filter((name) => !removed?.includes(name.toLowerCase()));
  const state =
    body.state_event === "close" ? "closed" : body.state_event === "reopen" ? "open" : undefined;
  return {
    ...(body.title !== undefined ? { title: String(body.title) } : {}),
    ...(body.description !== undefined ? { body: text(body.description) ?? null } : {}),
    ...(body.confidential !== undefined ? { confidential: flag(body.confidential) ?? false } : {}),
    ...(touchesLabels ? { labels } : {}),
    ...(assignees ? { assignees } : {}),
    ...(state ? { state } : {}),
  };
}

/** GitLab shows a link from both issues, the other end with the inverse type. */
function link(
  store: SandboxStore,
  repo: SandboxRepo,
  issue: SandboxIssue,
  targetRepo: SandboxRepo,
  target: SandboxIssue,
  linkType: SandboxIssue["links"][number]["linkType"],
): void {
  const id = store.nextId();
  const created_at = store.now();
  const inverse =
    linkType === "blocks"
      ? "is_blocked_by"
      : linkType === "is_blocked_by"
        ? "blocks"
        : "relates_to";
  issue.links.push({ id, repo: targetRepo.fullName, number: target.number, linkType, created_at });
  target.links.push({
    id,
    repo: repo.fullName,
    number: issue.number,
    linkType: inverse,
    created_at,
  });
}
