import { createHash } from "node:crypto";
import type { RouteResponse } from "./face.js";
import { INSTALLATION } from "./github-hooks.js";
import type { Mutations } from "./mutations.js";
import { commentJson, issueJson, labelJson, repoJson, userJson } from "./payloads.js";
import type { SandboxIssue, SandboxRepo, SandboxStore, SandboxUser } from "./store.js";

export interface RouteRequest {
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  actor: SandboxUser;
  base: string;
  requestUrl: string;
}

export type { RouteResponse } from "./face.js";

export interface Route {
  method: string;
  pattern: RegExp;
  write: boolean;
  handle(request: RouteRequest): RouteResponse;
}

const NOT_FOUND: RouteResponse = {
  status: 404,
  body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
};
const R = "/repos/([^/]+)/([^/]+)";

/** The REST routes sevbot uses, on the sandbox's in-memory store. */
export function createRoutes(store: SandboxStore, mutate: Mutations): Route[] {
  const repoOf = (request: RouteRequest) =>
    store.repos.get(`${request.params[0]}/${request.params[1]}`.toLowerCase());
  const withRepo =
    (handler: (repo: SandboxRepo, request: RouteRequest) => RouteResponse) =>
    (request: RouteRequest) => {
      const repo = repoOf(request);
      return repo ? handler(repo, request) : NOT_FOUND;
    };
  const withIssue = (
    handler: (repo: SandboxRepo, issue: SandboxIssue, request: RouteRequest) => RouteResponse,
  ) =>
    withRepo((repo, request) => {
      const issue = repo.issues.get(Number(request.params[2]));
      return issue ? handler(repo, issue, request) : NOT_FOUND;
    });
  const issueOut = (repo: SandboxRepo, issue: SandboxIssue, base: string) =>
    issueJson(
      issue,
      repo,
      base,
      repo.comments.filter((comment) => comment.issueNumber === issue.number).length,
    );
  const route = (method: string, path: string, write: boolean, handle: Route["handle"]): Route => ({
    method,
    pattern: new RegExp(`^${path}$`),
    write,
    handle,
  });

  return [
    route("POST", "/app/installations/(\\d+)/access_tokens", false, () => ({
      status: 201,
      body: {
        token: "ghs_sandbox",
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { issues: "write", metadata: "read", single_file: "read" },
        repository_selection: "all",
      },
    })),
    route("GET", "/app", false, ({ base }) => ({
      status: 200,
      body: {
        id: 1,
        slug: "sevbot",
        name: "sevbot",
        owner: userJson(store.users.get("sevbot[bot]")!, base),
        events: ["issues", "issue_comment"],
      },
    })),
    // The token's own user: a personal token's person; the App's installation token is refused, as on GitHub.
    route("GET", "/user", false, ({ actor, base }) =>
      actor.type === "Bot"
        ? { status: 403, body: { message: "Resource not accessible by integration" } }
        : { status: 200, body: userJson(actor, base) },
    ),
    route("GET", "/app/installations", false, () => ({
      status: 200,
      body: [
        {
          ...INSTALLATION,
          app_id: 1,
          account: { login: "sandbox", id: 1, type: "Organization" },
          target_type: "Organization",
          repository_selection: "all",
        },
      ],
    })),
    route("GET", "/installation/repositories", false, ({ base }) => ({
      status: 200,
      body: {
        total_count: store.repos.size,
        repositories: [...store.repos.values()].map((repo) => repoJson(repo, base)),
      },
    })),
    route(
      "GET",
      `${R}/installation`,
      false,
      withRepo(() => ({ status: 200, body: { ...INSTALLATION, app_id: 1 } })),
    ),
    route(
      "GET",
      R,
      false,
      withRepo((repo, { base }) => ({ status: 200, body: repoJson(repo, base) })),
    ),
    route(
      "GET",
      `${R}/issues`,
      false,
      withRepo((repo, request) =>
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
      withRepo((repo, { body, actor, base }) => {
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
      withIssue((repo, issue, { base }) => ({ status: 200, body: issueOut(repo, issue, base) })),
    ),
    route(
      "PATCH",
      `${R}/issues/(\\d+)`,
      true,
      withIssue((repo, issue, { body, actor, base }) => {
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
      withIssue((repo, issue, request) => {
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
      withIssue((repo, issue, { body, actor, base }) => ({
        status: 201,
        body: commentJson(mutate.createComment(repo, issue, actor, String(body.body)), repo, base),
      })),
    ),
    route(
      "PATCH",
      `${R}/issues/comments/(\\d+)`,
      true,
      withRepo((repo, request) => {
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
      withIssue((repo, issue, { body, actor, base }) => {
        mutate.addLabels(repo, issue, actor, names(body.labels));
        return { status: 200, body: issue.labels.map((label) => labelJson(label, repo, base)) };
      }),
    ),
    route(
      "DELETE",
      `${R}/issues/(\\d+)/labels/([^/]+)`,
      true,
      withIssue((repo, issue, { params, actor, base }) => {
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
      withIssue((repo, issue, { body, actor, base }) => {
        mutate.addAssignees(repo, issue, actor, names(body.assignees));
        return { status: 201, body: issueOut(repo, issue, base) };
      }),
    ),
    route(
      "GET",
      `${R}/labels`,
      false,
      withRepo((repo, request) =>
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
      withRepo((repo, { body, base }) => {
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
      withRepo((repo, { params, base }) => {
        const label = repo.labels.get(decodeURIComponent(params[2]!).toLowerCase());
        return label ? { status: 200, body: labelJson(label, repo, base) } : NOT_FOUND;
      }),
    ),
    route(
      "PATCH",
      `${R}/labels/([^/]+)`,
      true,
      withRepo((repo, { params, body, base }) => {
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
      withRepo((repo, request) => readFile(repo, decodeURIComponent(request.params[2]!), request)),
    ),
    route(
      "GET",
      `${R}/collaborators/([^/]+)/permission`,
      false,
      withRepo((repo, { params, base }) => {
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

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) =>
      typeof entry === "string" ? entry : String((entry as { name?: string }).name ?? ""),
    )
    .filter(Boolean);
}

function listIssues(repo: SandboxRepo, query: URLSearchParams): SandboxIssue[] {
  const state = query.get("state") ?? "open";
  const wanted = (query.get("labels") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const since = query.get("since");
  const sort = query.get("sort") ?? "created";
  const direction = query.get("direction") ?? "desc";
  const issues = [...repo.issues.values()].filter(
    (issue) =>
      (state === "all" || issue.state === state) &&
      wanted.every((name) => issue.labels.some((label) => label.name.toLowerCase() === name)) &&
      (!since || issue.updated_at >= since),
  );
  const key = (issue: SandboxIssue) =>
    (sort === "updated" ? issue.updated_at : issue.created_at) +
    String(issue.number).padStart(9, "0");
  issues.sort((a, b) => key(a).localeCompare(key(b)));
  return direction === "asc" ? issues : issues.reverse();
}

/** GitHub's pagination: `per_page` (max 100), `page`, and a `Link` header with `rel="next"`. */
function page(items: unknown[], request: RouteRequest): RouteResponse {
  const perPage = Math.min(100, Number(request.query.get("per_page") ?? 30));
  const current = Math.max(1, Number(request.query.get("page") ?? 1));
  const slice = items.slice((current - 1) * perPage, current * perPage);
  const headers: Record<string, string> = {};
  if (current * perPage < items.length) {
    const next = new URL(request.requestUrl);
    next.searchParams.set("page", String(current + 1));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return { status: 200, body: slice, headers };
}

function readFile(repo: SandboxRepo, path: string, request: RouteRequest): RouteResponse {
  const content = repo.files.get(path);
  if (content === undefined) return NOT_FOUND;
  const etag = `"${createHash("sha1").update(content).digest("hex")}"`;
  if (request.headers["if-none-match"] === etag) return { status: 304, headers: { etag } };
  const accept = String(request.headers.accept ?? "");
  if (accept.includes("raw"))
    return {
      status: 200,
      body: content,
      headers: { etag, "content-type": "application/vnd.github.raw; charset=utf-8" },
    };
  const sha = createHash("sha1")
    .update(`blob ${Buffer.byteLength(content)}\0${content}`)
    .digest("hex");
  return {
    status: 200,
    headers: { etag },
    body: {
      type: "file",
      encoding: "base64",
      size: Buffer.byteLength(content),
      name: path.split("/").pop(),
      path,
      content: Buffer.from(content).toString("base64"),
      sha,
      url: `${request.base}/api/v3/repos/${repo.fullName}/contents/${path}`,
    },
  };
}
