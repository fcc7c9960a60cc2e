import { createGithubValidator } from "../openapi/github.js";
import type { SandboxFace } from "./face.js";
import type { Route } from "./routes.js";
import { BOT, type SandboxUser } from "./store.js";

const DOCS = "https://docs.github.com/rest";

/**
 * A token without the permission a write needs (a workflow whose `permissions:` leave out
 * `issues: write`): GitHub refuses every write with this 403. The sandbox's `…readonly…` tokens.
 */
const READ_ONLY = /^(?:token|bearer) \S*readonly/i;
const NOT_ACCESSIBLE = {
  status: 403,
  body: {
    message: "Resource not accessible by integration",
    documentation_url: "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
    status: "403",
  },
};

/** GitHub's REST conventions (GitHub Enterprise Server paths under `/api/v3`). */
export function createGithubFace(
  routes: Route[],
  userNamed: (login: string) => SandboxUser,
): SandboxFace {
  const validate = createGithubValidator();
  let secondaryLimits = 0;
  return {
    prefix: "/api/v3",
    parseBody(raw) {
      try {
        return JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
    // The app's installation token acts as sevbot[bot]; a personal token `user-<login>` acts as that person (drills, CLIs).
    actorOf(headers) {
      const match = /^(?:token|bearer) user-(\S+)$/i.exec(headers.authorization ?? "");
      return match ? userNamed(match[1]!) : BOT;
    },
    validate,
    routeFor(method, path) {
      const route = routes.find(
        (candidate) => candidate.method === method && candidate.pattern.test(path),
      );
      if (!route) return undefined;
      const params = route.pattern.exec(path)!.slice(1);
      return {
        write: route.write,
        handle: (request) =>
          route.write && READ_ONLY.test(String(request.headers.authorization ?? ""))
            ? NOT_ACCESSIBLE
            : route.handle({ ...request, params }),
      };
    },
    faultExempt: (path) => path.includes("access_tokens"),
    textType: "application/vnd.github.raw; charset=utf-8",
    errors: {
      badBody: { status: 400, body: { message: "Problems parsing JSON" } },
      unauthorized: {
        status: 401,
        body: { message: "Requires authentication", documentation_url: DOCS },
      },
      notFound: { status: 404, body: { message: "Not Found" } },
      invalid: (check) => ({
        status: check.status,
        body: {
          message: check.status === 404 ? "Not Found" : "Validation Failed",
          errors: check.errors,
          documentation_url: DOCS,
        },
      }),
      serverError: { status: 502, body: { message: "Server Error" } },
      // GitHub answers a secondary rate limit with 403 or with 429 (its docs name both): alternate.
      get rateLimited() {
        return {
          status: secondaryLimits++ % 2 === 0 ? 403 : 429,
          headers: { "retry-after": "1", "x-ratelimit-remaining": "4000" },
          body: {
            message:
              "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
          },
        };
      },
    },
  };
}
