import nock from "nock";
import { createGithubValidator } from "../../src/openapi/github.js";

export const API = "https://api.github.com";

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

/**
 * nock in front of api.github.com where every intercepted request is checked against GitHub's
 * OpenAPI description. `verify()` fails on invalid requests, unmatched requests and unused mocks.
 */
export function githubApi() {
  const validate = createGithubValidator();
  const invalid: string[] = [];
  const unmatched: string[] = [];
  const requests: RecordedRequest[] = [];
  const onNoMatch = (request: {
    method?: string;
    path?: string;
    options?: { method?: string; path?: string };
  }) => {
    unmatched.push(
      `${request.method ?? request.options?.method} ${request.path ?? request.options?.path}`,
    );
  };
  nock.disableNetConnect();
  nock.emitter.on("no match", onNoMatch);
  const scope = nock(API);

  function record(method: string, path: string, body: unknown) {
    requests.push({ method, path, body });
    const result = validate({ method, path, body: body === "" ? undefined : body });
    if (!result.ok) invalid.push(`${method} ${path}: ${result.errors.join("; ")}`);
  }

  function reply(
    method: string,
    path: string | RegExp | ((uri: string) => boolean),
    status: number,
    response: unknown = {},
    headers: Record<string, string> = {},
  ) {
    const interceptor = scope.intercept(path, method);
    interceptor.reply(function (uri, body) {
      record(method, uri, body);
      return [status, response, headers];
    });
  }

  return {
    scope,
    requests,
    reply,
    token: () =>
      reply("POST", `/app/installations/4242/access_tokens`, 201, {
        token: "ghs_test",
        expires_at: "2099-01-01T00:00:00Z",
      }),
    writes: () => requests.filter((request) => request.method !== "GET"),
    verify() {
      nock.emitter.removeListener("no match", onNoMatch);
      const pending = scope.pendingMocks();
      nock.cleanAll();
      nock.enableNetConnect();
      return { invalid, unmatched, pending };
    },
  };
}

export type GithubApi = ReturnType<typeof githubApi>;
