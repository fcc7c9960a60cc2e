import type { FaceRequest, RouteResponse } from "../face.js";
import type { SandboxIssue, SandboxRepo, SandboxStore } from "../store.js";

/** A validated GitLab request: `params` are the spec's path parameters, already decoded. */
export interface GitlabRequest extends FaceRequest {
  params: Record<string, string>;
}

export interface GitlabRoute {
  /** The OpenAPI operation this route answers; the validator has matched the path to it. */
  operationId: string;
  write: boolean;
  handle(request: GitlabRequest): RouteResponse;
}

/** GitLab's 404 bodies: `404 Not found`, `404 Project Not Found`, `404 File Not Found`, … */
export function notFound(what?: string): RouteResponse {
  return { status: 404, body: { message: what ? `404 ${what} Not Found` : "404 Not found" } };
}

export function badRequest(error: string): RouteResponse {
  return { status: 400, body: { message: `400 Bad request - ${error}`, error } };
}

/** A project is addressed by its numeric id or its URL-encoded `namespace/name`. */
export function projectOf(store: SandboxStore, id: string): SandboxRepo | undefined {
  if (/^\d+$/.test(id)) return [...store.repos.values()].find((repo) => repo.id === Number(id));
  return store.repos.get(id.toLowerCase());
}

export function withProject(
  store: SandboxStore,
  handler: (repo: SandboxRepo, request: GitlabRequest) => RouteResponse,
) {
  return (request: GitlabRequest): RouteResponse => {
    const repo = projectOf(store, request.params.id ?? "");
    return repo ? handler(repo, request) : notFound("Project");
  };
}

/** The issue's `iid` is the path's `issue_iid` or, on notes routes, `noteable_id`. */
export function withIssue(
  store: SandboxStore,
  handler: (repo: SandboxRepo, issue: SandboxIssue, request: GitlabRequest) => RouteResponse,
) {
  return withProject(store, (repo, request) => {
    const issue = repo.issues.get(Number(request.params.issue_iid ?? request.params.noteable_id));
    return issue ? handler(repo, issue, request) : notFound();
  });
}
