import type { IncomingHttpHeaders } from "node:http";
import { createGitlabValidator, GITLAB_BASE_PATH } from "../../openapi/gitlab.js";
import type { FaceRoute, RouteResponse, SandboxFace } from "../face.js";
import type { Mutations } from "../mutations.js";
import { GITLAB_BOT, userFor, type SandboxStore, type SandboxUser } from "../store.js";
import type { GitlabRoute } from "./context.js";
import { issueRoutes } from "./issue-routes.js";
import { labelRoutes } from "./label-routes.js";
import { noteRoutes } from "./note-routes.js";
import { parseGitlabBody } from "./params.js";
import { projectRoutes } from "./project-routes.js";

/** `PRIVATE-TOKEN: …` or `Authorization: Bearer …`; undefined when neither is sent. */
function tokenOf(headers: IncomingHttpHeaders): string | undefined {
  const privateToken = headers["private-token"];
  if (typeof privateToken === "string" && privateToken !== "") return privateToken;
  return /^bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
}

/** GitLab answers a throttled request with 429 and its `RateLimit-*` headers. */
function rateLimited(): RouteResponse {
  const reset = Math.ceil(Date.now() / 1000) + 1;
  return {
    status: 429,
    headers: {
      "retry-after": "1",
      "ratelimit-name": "throttle_authenticated_api",
      "ratelimit-limit": "2000",
      "ratelimit-observed": "2001",
      "ratelimit-remaining": "0",
      "ratelimit-reset": String(reset),
      "ratelimit-resettime": new Date(reset * 1000).toUTCString(),
    },
    body: { message: "Retry later" },
  };
}

/**
 * GitLab's REST API v4 on the shared store. Routes are found by the OpenAPI operation the
 * validator matched, so a route exists only where GitLab's own description has the path.
 * The token `user-<login>` acts as that person; any other token acts as the bot user.
 */
export function createGitlabFace(store: SandboxStore, mutate: Mutations): SandboxFace {
  const validate = createGitlabValidator();
  const routes = new Map<string, GitlabRoute>(
    [
      ...projectRoutes(store),
      ...labelRoutes(store),
      ...issueRoutes(store, mutate),
      ...noteRoutes(store, mutate),
    ].map((route) => [route.operationId, route]),
  );
  return {
    prefix: GITLAB_BASE_PATH,
    parseBody: parseGitlabBody,
    actorOf(headers): SandboxUser | undefined {
      const token = tokenOf(headers);
      if (!token) return undefined;
      const person = /^user-(\S+)$/.exec(token)?.[1];
      return person ? userFor(store, person) : GITLAB_BOT;
    },
    validate,
    routeFor(_method, _path, check): FaceRoute | undefined {
      const route = routes.get(check.operationId);
      return (
        route && {
          write: route.write,
          handle: (request) => route.handle({ ...request, params: check.params }),
        }
      );
    },
    faultExempt: () => false,
    textType: "text/plain; charset=utf-8",
    errors: {
      badBody: {
        status: 400,
        body: {
          message: "400 Bad request - the body is not valid JSON",
          error: "the body is not valid JSON",
        },
      },
      unauthorized: { status: 401, body: { message: "401 Unauthorized" } },
      notFound: { status: 404, body: { message: "404 Not found" } },
      invalid: (check) =>
        check.status === 404
          ? { status: 404, body: { message: "404 Not found" } }
          : {
              status: check.status,
              body: {
                message: `400 Bad request - ${check.errors.join("; ")}`,
                error: check.errors.join("; "),
              },
            },
      serverError: { status: 502, body: { message: "502 Bad Gateway" } },
      get rateLimited() {
        return rateLimited();
      },
    },
  };
}
