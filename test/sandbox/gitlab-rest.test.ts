import { afterEach, describe, expect, it } from "vitest";
import { GITLAB_BOT_USERNAME } from "../../src/sandbox/index.js";
import { gitlabHarness } from "./gitlab-harness.js";

const h = gitlabHarness();
afterEach(() => h.stop());

const post = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) });
const put = (body: unknown) => ({ method: "PUT", body: JSON.stringify(body) });

describe("GitLab sandbox: REST API v4", () => {
  it("answers /user for the bot token and for user-<login> tokens", async () => {
    const sandbox = await h.start();
    expect(sandbox.apiUrl).toBe(`${sandbox.url}/api/v4`);
    expect((await h.json("/user")).body).toMatchObject({
      username: GITLAB_BOT_USERNAME,
      bot: true,
      state: "active",
      web_url: `${sandbox.url}/${GITLAB_BOT_USERNAME}`,
    });
    expect((await h.json("/user", { token: "user-kim" })).body).toMatchObject({
      username: "kim",
      bot: false,
    });
    expect(
      (await h.json("/user", { token: null, headers: { authorization: "Bearer user-lee" } })).body,
    ).toMatchObject({ username: "lee" });
    expect((await h.api("/user", { token: null })).status).toBe(401);
  });

  it("addresses a project by numeric id or URL-encoded path", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop", { private: true });
    const byPath = await h.json<{ id: number }>("/projects/acme%2Fshop");
    expect(byPath.body).toMatchObject({
      path_with_namespace: "acme/shop",
      name: "shop",
      path: "shop",
      namespace: { full_path: "acme" },
      visibility: "private",
      default_branch: "main",
      web_url: `${sandbox.url}/acme/shop`,
    });
    expect((await h.json(`/projects/${byPath.body.id}`)).body).toEqual(byPath.body);
    expect(await h.json("/projects/acme%2Fnope")).toMatchObject({
      status: 404,
      body: { message: "404 Project Not Found" },
    });
  });

  it("creates, reads and updates issues with GitLab's shapes", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop", { collaborators: { kim: "write" } });
    const kim = (await h.json<{ id: number }>("/user", { token: "user-kim" })).body.id;
    const created = await h.json(
      "/projects/acme%2Fshop/issues",
      post({
        title: "Down",
        description: "500s",
        labels: "severity::1,bug",
        assignee_ids: [kim],
        confidential: true,
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      iid: 1,
      title: "Down",
      description: "500s",
      state: "opened",
      labels: ["severity::1", "bug"],
      assignees: [{ id: kim, username: "kim" }],
      author: { username: GITLAB_BOT_USERNAME },
      confidential: true,
      closed_at: null,
      user_notes_count: 0,
      web_url: `${sandbox.url}/acme/shop/-/issues/1`,
    });
    expect(created.body.project_id).toBe(
      (await h.json<{ id: number }>("/projects/acme%2Fshop")).body.id,
    );

    const updated = await h.json(
      "/projects/acme%2Fshop/issues/1",
      put({ title: "Down!", add_labels: "team::web", remove_labels: "bug", state_event: "close" }),
    );
    expect(updated.body).toMatchObject({
      title: "Down!",
      state: "closed",
      labels: ["severity::1", "team::web"],
    });
    expect(updated.body.closed_at).toEqual(expect.any(String));
    expect(
      (
        await h.json(
          "/projects/acme%2Fshop/issues/1",
          put({ labels: ["only"], state_event: "reopen" }),
        )
      ).body,
    ).toMatchObject({ state: "opened", labels: ["only"] });
    expect((await h.json("/projects/acme%2Fshop/issues/1")).body).toMatchObject({
      iid: 1,
      labels: ["only"],
    });
    // Inspection stays GitHub-shaped, with the confidential flag.
    expect(sandbox.issue("acme/shop", 1)).toMatchObject({
      number: 1,
      state: "open",
      confidential: true,
      labels: [{ name: "only" }],
      assignees: [{ login: "kim" }],
    });
    expect(await h.json("/projects/acme%2Fshop/issues/9")).toMatchObject({
      status: 404,
      body: { message: "404 Not found" },
    });
  });

  it("lists issues with filters, ordering and pagination headers (x-* and link)", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop");
    for (const [title, labels] of [
      ["a", "sev,x"],
      ["b", "sev"],
      ["c", "sev,x"],
      ["d", "x"],
    ] as const)
      await h.api("/projects/acme%2Fshop/issues", post({ title, labels }));
    await h.api("/projects/acme%2Fshop/issues/2", put({ state_event: "close" }));
    const titles = async (query: string) =>
      (await h.json<Array<{ title: string }>>(`/projects/acme%2Fshop/issues?${query}`)).body.map(
        (issue) => issue.title,
      );
    expect(await titles("labels=sev,x")).toEqual(["c", "a"]);
    expect(await titles("labels=sev&state=opened&sort=asc")).toEqual(["a", "c"]);
    expect(await titles("state=closed")).toEqual(["b"]);
    expect(await titles("search=D")).toEqual(["d"]);
    expect(await titles("")).toEqual(["d", "c", "b", "a"]);
    const first = await h.api(
      "/projects/acme%2Fshop/issues?per_page=3&order_by=created_at&sort=asc",
    );
    expect(((await first.json()) as unknown[]).length).toBe(3);
    expect(
      Object.fromEntries(
        ["x-page", "x-per-page", "x-next-page", "x-total", "x-total-pages"].map((name) => [
          name,
          first.headers.get(name),
        ]),
      ),
    ).toEqual({
      "x-page": "1",
      "x-per-page": "3",
      "x-next-page": "2",
      "x-total": "4",
      "x-total-pages": "2",
    });
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1];
    expect(next).toContain("page=2");
    const second = await fetch(next!, { headers: { "private-token": "glpat-sandbox" } });
    expect(((await second.json()) as Array<{ title: string }>).map((issue) => issue.title)).toEqual(
      ["d"],
    );
    expect(second.headers.get("x-next-page")).toBe("");
    expect(second.headers.get("link")).not.toContain('rel="next"');
  });

  it("creates, lists (sorted, paged) and edits notes", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop");
    await sandbox.openIssue("acme/shop", { as: "rep", title: "Down" });
    const note = await h.json<{ id: number }>(
      "/projects/acme%2Fshop/issues/1/notes",
      post({ body: "first" }),
    );
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      body: "first",
      author: { username: GITLAB_BOT_USERNAME, bot: true },
      system: false,
      noteable_type: "Issue",
      noteable_iid: 1,
      internal: false,
    });
    await h.api("/projects/acme%2Fshop/issues/1/notes", post({ body: "second" }));
    const bodies = async (query: string) =>
      (
        await h.json<Array<{ body: string }>>(`/projects/acme%2Fshop/issues/1/notes?${query}`)
      ).body.map((item) => item.body);
    expect(await bodies("sort=asc&order_by=created_at")).toEqual(["first", "second"]);
    expect(await bodies("")).toEqual(["second", "first"]);
    expect(await bodies("sort=asc&per_page=1&page=2")).toEqual(["second"]);
    const edited = await h.json(
      `/projects/acme%2Fshop/issues/1/notes/${note.body.id}`,
      put({ body: "first, edited" }),
    );
    expect(edited).toMatchObject({ status: 200, body: { body: "first, edited" } });
    expect(sandbox.comments("acme/shop", 1).map((comment) => comment.body)).toEqual([
      "first, edited",
      "second",
    ]);
    expect(
      (await h.api("/projects/acme%2Fshop/issues/1/notes/999999", put({ body: "x" }))).status,
    ).toBe(404);
  });

  it("links issues across projects, visible from both ends", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop");
    sandbox.createRepo("acme/incidents");
    await sandbox.openIssue("acme/shop", { as: "rep", title: "Down" });
    await sandbox.openIssue("acme/incidents", { as: "rep", title: "Log" });
    const linked = await h.json(
      "/projects/acme%2Fshop/issues/1/links",
      post({ target_project_id: "acme/incidents", target_issue_iid: 1 }),
    );
    expect(linked).toMatchObject({
      status: 201,
      body: {
        source_issue: { iid: 1, title: "Down" },
        target_issue: { iid: 1, title: "Log" },
        link_type: "relates_to",
      },
    });
    expect((await h.json("/projects/acme%2Fshop/issues/1/links")).body).toMatchObject([
      { title: "Log", link_type: "relates_to" },
    ]);
    expect((await h.json("/projects/acme%2Fincidents/issues/1/links")).body).toMatchObject([
      { title: "Down" },
    ]);
    expect(sandbox.links("acme/shop", 1)).toMatchObject([
      { repo: "acme/incidents", number: 1, link_type: "relates_to" },
    ]);
    expect(
      (
        await h.api(
          "/projects/acme%2Fshop/issues/1/links",
          post({ target_project_id: "acme/incidents", target_issue_iid: 1 }),
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await h.api(
          "/projects/acme%2Fshop/issues/1/links",
          post({ target_project_id: "acme/incidents", target_issue_iid: 7 }),
        )
      ).status,
    ).toBe(404);
  });
});
