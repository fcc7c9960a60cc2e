import type { Mutations } from "./mutations.js";
import {
  NOT_FOUND,
  R,
  issueOut,
  listIssues,
  names,
  page,
  readFile,
  route,
  withIssue,
  withRepo,
  type Route,
} from "./github-route-kit.js";
import { commentJson, labelJson, repoJson, userJson } from "./payloads.js";
import type { SandboxStore } from "./store.js";

/** A repository and what is in it: issues, comments, labels, file contents, collaborators. */
export function repoRoutes(store: SandboxStore, mutate: Mutations): Route[] {
  return [
    route(
      "GET",
      R,
      false,
      withRepo(store, (repo, { base }) => ({ status: 200, body: repoJson(repo, base) })),
    ),
    route(
      "GET",
      `${R}/issues`,
      false,
      withRepo(store, (repo, request) =>
        page(
          listIssues(repo, request.query).map((issue) => issueOut(repo, issue, request.base)),
          request,
        ),
      ),
    ),
    route(
      "POST",
      `${R}/issues`,
      true,
      withRepo(store, (repo, { body, actor, base }) => {
        const issue = mutate.openIssue(repo, actor, {
          title: String(body.title),
          body: (body.body as string | undefined) ?? null,
          labels: names(body.labels),
          assignees: names(body.assignees),
        });
        return { status: 201, body: issueOut(repo, issue, base) };
      }),
    ),
    route(
      "GET",
      `${R}/issues/(\\d+)`,
      false,
      withIssue(store, (repo, issue, { base }) => ({
        status: 200,
        body: issueOut(repo, issue, base),
      })),
    ),
    route(
      "PATCH",
      `${R}/issues/(\\d+)`,
      true,
      withIssue(store, (repo, issue, { body, actor, base }) => {
        mutate.editIssue(repo, issue, actor, {
          ...(body.title !== undefined ? { title: String(body.title) } : {}),
          ...(body.body !== undefined ? { body: body.body as string | null } : {}),
          ...(body.state ? { state: body.state as "open" | "closed" } : {}),
        });
        if (body.labels !== undefined)
          for (const label of names(body.labels)) mutate.addLabels(repo, issue, actor, [label]);
        return { status: 200, body: issueOut(repo, issue, base) };
      }),
    ),
    route(
      "GET",
      `${R}/issues/(\\d+)/comments`,
      false,
      withIssue(store, (repo, issue, request) => {
        const since = request.query.get("since");
        const comments = repo.comments.filter(
          (comment) =>
            comment.issueNumber === issue.number && (!since || comment.updated_at >= since),
        );
        return page(
          comments.map((comment) => commentJson(comment, repo, request.base)),
          request,
        );
      }),
    ),
    route(
      "POST",
      `${R}/issues/(\\d+)/comments`,
      true,
      withIssue(store, (repo, issue, { body, actor, base }) => ({
        status: 201,
        body: commentJson(mutate.createComment(repo, issue, actor, String(body.body)), repo, base),
      })),
    ),
    route(
      "PATCH",
      `${R}/issues/comments/(\\d+)`,
      true,
      withRepo(store, (repo, request) => {
        const comment = repo.comments.find(
          (candidate) => candidate.id === Number(request.params[2]),
        );
        if (!comment) return NOT_FOUND;
        mutate.editComment(repo, comment, request.actor, String(request.body.body));
        return { status: 200, body: commentJson(comment, repo, request.base) };
      }),
    ),
    route(
      "POST",
      `${R}/issues/(\\d+)/labels`,
      true,
      withIssue(store, (repo, issue, { body, actor, base }) => {
        mutate.addLabels(repo, issue, actor, names(body.labels));
        return { status: 200, body: issue.labels.map((label) => labelJson(label, repo, base)) };
      }),
    ),
    route(
      "DELETE",
      `${R}/issues/(\\d+)/labels/([^/]+)`,
      true,
      withIssue(store, (repo, issue, { params, actor, base }) => {
        if (!mutate.removeLabel(repo, issue, actor, decodeURIComponent(params[3]!)))
          return {
            status: 404,
            body: {
              message: "Label does not exist",
              documentation_url:
                "https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue",
            },
          };
        return { status: 200, body: issue.labels.map((label) => labelJson(label, repo, base)) };
      }),
    ),
    route(
      "POST",
      `${R}/issues/(\\d+)/assignees`,
      true,
      withIssue(store, (repo, issue, { body, actor, base }) => {
        mutate.addAssignees(repo, issue, actor, names(body.assignees));
        return { status: 201, body: issueOut(repo, issue, base) };
      }),
    ),
    route(
      "GET",
      `${R}/labels`,
      false,
      withRepo(store, (repo, request) =>
        page(
          [...repo.labels.values()].map((label) => labelJson(label, repo, request.base)),
          request,
        ),
      ),
    ),
    route(
      "POST",
      `${R}/labels`,
      true,
      withRepo(store, (repo, { body, base }) => {
        const name = String(body.name);
        if (repo.labels.has(name.toLowerCase()))
          return {
            status: 422,
            body: {
              message: "Validation Failed",
              errors: [{ resource: "Label", code: "already_exists", field: "name" }],
            },
          };
        const label = {
          id: store.nextId(),
          name,
          color: String(body.color ?? "ededed").replace(/^#/, ""),
          description: (body.description as string | undefined) ?? null,
        };
        repo.labels.set(name.toLowerCase(), label);
        return { status: 201, body: labelJson(label, repo, base) };
      }),
    ),
    route(
      "GET",
      `${R}/labels/([^/]+)`,
      false,
      withRepo(store, (repo, { params, base }) => {
        const label = repo.labels.get(decodeURIComponent(params[2]!).toLowerCase());
        return label ? { status: 200, body: labelJson(label, repo, base) } : NOT_FOUND;
      }),
    ),
    route(
      "PATCH",
      `${R}/labels/([^/]+)`,
      true,
      withRepo(store, (repo, { params, body, base }) => {
        const label = repo.labels.get(decodeURIComponent(params[2]!).toLowerCase());
        if (!label) return NOT_FOUND;
        if (body.color !== undefined) label.color = String(body.color).replace(/^#/, "");
        if (body.description !== undefined) label.description = body.description as string | null;
        return { status: 200, body: labelJson(label, repo, base) };
      }),
    ),
    route(
      "GET",
      `${R}/contents/(.+)`,
      false,
      withRepo(store, (repo, request) =>
        readFile(repo, decodeURIComponent(request.params[2]!), request),
      ),
    ),
    route(
      "GET",
      `${R}/collaborators/([^/]+)/permission`,
      false,
      withRepo(store, (repo, { params, base }) => {
        const login = decodeURIComponent(params[2]!);
        const permission = repo.collaborators.get(login) ?? (repo.private ? "none" : "read");
        const legacy =
          permission === "maintain" ? "write" : permission === "triage" ? "read" : permission;
        return {
          status: 200,
          body: {
            permission: legacy,
            role_name: permission,
            user: userJson(store.users.get(login) ?? { login, id: 0, type: "User" }, base),
          },
        };
      }),
    ),
  ];
}
