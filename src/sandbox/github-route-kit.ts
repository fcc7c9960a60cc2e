import { createHash } from "node:crypto";
import type { RouteResponse } from "./face.js";
import { issueJson } from "./payloads.js";
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

export interface Route {
  method: string;
  pattern: RegExp;
  write: boolean;
  handle(request: RouteRequest): RouteResponse;
}

export const NOT_FOUND: RouteResponse = {
  status: 404,
  body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
};
export const R = "/repos/([^/]+)/([^/]+)";

export const route = (
  method: string,
  path: string,
  write: boolean,
  handle: Route["handle"],
): Route => ({
  method,
  pattern: new RegExp(`^${path}$`),
  write,
  handle,
});

function repoOf(store: SandboxStore, request: RouteRequest): SandboxRepo | undefined {
  return store.repos.get(`${request.params[0]}/${request.params[1]}`.toLowerCase());
}

export function withRepo(
  store: SandboxStore,
  handler: (repo: SandboxRepo, request: RouteRequest) => RouteResponse,
) {
  return (request: RouteRequest): RouteResponse => {
    const repo = repoOf(store, request);
    return repo ? handler(repo, request) : NOT_FOUND;
  };
}

export function withIssue(
  store: SandboxStore,
  handler: (repo: SandboxRepo, issue: SandboxIssue, request: RouteRequest) => RouteResponse,
) {
  return withRepo(store, (repo, request) => {
    const issue = repo.issues.get(Number(request.params[2]));
    return issue ? handler(repo, issue, request) : NOT_FOUND;
  });
}

export function issueOut(repo: SandboxRepo, issue: SandboxIssue, base: string) {
  return issueJson(
    issue,
    repo,
    base,
    repo.comments.filter((comment) => comment.issueNumber === issue.number).length,
  );
}

export function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) =>
      typeof entry === "string" ? entry : String((entry as { name?: string }).name ?? ""),
    )
    .filter(Boolean);
}

export function listIssues(repo: SandboxRepo, query: URLSearchParams): SandboxIssue[] {
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
export function page(items: unknown[], request: RouteRequest): RouteResponse {
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

export function readFile(repo: SandboxRepo, path: string, request: RouteRequest): RouteResponse {
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
