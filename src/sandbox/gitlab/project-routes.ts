import { createHash } from "node:crypto";
import type { RouteResponse } from "../face.js";
import { userById, type SandboxRepo, type SandboxStore } from "../store.js";
import { notFound, withProject, type GitlabRequest, type GitlabRoute } from "./context.js";
import { memberJson, projectJson, userJson } from "./json.js";
import { gitlabPage } from "./paging.js";
import { queryList } from "./params.js";

/** The token's user, projects, members and repository files. */
export function projectRoutes(store: SandboxStore): GitlabRoute[] {
  const member = (repo: SandboxRepo, id: string, base: string): RouteResponse => {
    const user = userById(store, Number(id));
    const permission = user && repo.collaborators.get(user.login);
    return user && permission && permission !== "none"
      ? { status: 200, body: memberJson(user, permission, base) }
      : notFound();
  };
  return [
    {
      operationId: "getApiV4User",
      write: false,
      handle: ({ actor, base }) => ({ status: 200, body: userJson(actor, base) }),
    },
    {
      operationId: "getApiV4ProjectsId",
      write: false,
      handle: withProject(store, (repo, { base }) => ({
        status: 200,
        body: projectJson(repo, base),
      })),
    },
    {
      operationId: "getApiV4ProjectsIdMembers",
      write: false,
      handle: withProject(store, (repo, request) => {
        const search = request.query.get("query")?.toLowerCase();
        const ids = queryList(request.query, "user_ids")?.map(Number);
        const members = [...repo.collaborators].flatMap(([login, permission]) => {
          const user = store.users.get(login);
          if (
            !user ||
            permission === "none" ||
            (search && !login.toLowerCase().includes(search)) ||
            (ids && !ids.includes(user.id))
          )
            return [];
          return [memberJson(user, permission, request.base)];
        });
        return gitlabPage(members, request);
      }),
    },
    {
      operationId: "getApiV4ProjectsIdMembersUserId",
      write: false,
      handle: withProject(store, (repo, { params, base }) =>
        member(repo, params.user_id ?? "", base),
      ),
    },
    // Inherited members too; the sandbox has no groups, so the same members.
    {
      operationId: "getApiV4ProjectsIdMembersAllUserId",
      write: false,
      handle: withProject(store, (repo, { params, base }) =>
        member(repo, params.user_id ?? "", base),
      ),
    },
    {
      operationId: "getApiV4ProjectsIdRepositoryFilesFilePathRaw",
      write: false,
      handle: withProject(store, (repo, request) => readFile(repo, request, true)),
    },
    {
      operationId: "getApiV4ProjectsIdRepositoryFilesFilePath",
      write: false,
      handle: withProject(store, (repo, request) => readFile(repo, request, false)),
    },
  ];
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** The sandbox's repository has one version on `main`; other branch names are unknown refs. */
function readFile(repo: SandboxRepo, request: GitlabRequest, raw: boolean): RouteResponse {
  const ref = request.query.get("ref") ?? "main";
  const path = request.params.file_path ?? "";
  const content = repo.files.get(path);
  if (content === undefined || !(ref === "main" || ref === "HEAD" || /^[0-9a-f]{40}$/.test(ref)))
    return notFound("File");
  const blobId = sha1(`blob ${Buffer.byteLength(content)}\0${content}`);
  const commitId = sha1(`commit ${repo.fullName} ${path} ${blobId}`);
  const headers = {
    etag: `"${blobId}"`,
    "x-gitlab-blob-id": blobId,
    "x-gitlab-commit-id": commitId,
    "x-gitlab-file-path": path,
    "x-gitlab-ref": ref,
  };
  if (request.headers["if-none-match"] === headers.etag) return { status: 304, headers };
  if (raw) return { status: 200, body: content, headers };
  return {
    status: 200,
    headers,
    body: {
      file_name: path.split("/").pop(),
      file_path: path,
      size: Buffer.byteLength(content),
      encoding: "base64",
      content_sha256: createHash("sha256").update(content).digest("hex"),
      ref,
      blob_id: blobId,
      commit_id: commitId,
      last_commit_id: commitId,
      execute_filemode: false,
      content: Buffer.from(content).toString("base64"),
    },
  };
}
