import { INSTALLATION } from "./github-hooks.js";
import { R, route, withRepo, type Route } from "./github-route-kit.js";
import { repoJson, userJson } from "./payloads.js";
import type { SandboxStore } from "./store.js";

/** The App's own routes and its installation's: tokens, `/app`, `/user`, installed repositories. */
export function appRoutes(store: SandboxStore): Route[] {
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
      withRepo(store, () => ({ status: 200, body: { ...INSTALLATION, app_id: 1 } })),
    ),
  ];
}
