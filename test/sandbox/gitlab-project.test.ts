import { afterEach, describe, expect, it } from "vitest";
import { gitlabHarness } from "./gitlab-harness.js";

const h = gitlabHarness();
afterEach(() => h.stop());

describe("GitLab sandbox: labels, members, repository files", () => {
  it("creates, lists, reads and updates labels with #rrggbb colours", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop");
    const created = await h.json("/projects/acme%2Fshop/labels", {
      method: "POST",
      body: JSON.stringify({ name: "severity::1", color: "#D73A4A", description: "Sev-1" }),
    });
    expect(created).toMatchObject({
      status: 201,
      body: { name: "severity::1", color: "#d73a4a", description: "Sev-1" },
    });
    expect(
      (
        await h.api("/projects/acme%2Fshop/labels", {
          method: "POST",
          body: JSON.stringify({ name: "Severity::1", color: "#000000" }),
        })
      ).status,
    ).toBe(409);
    const updated = await h.json("/projects/acme%2Fshop/labels/severity%3A%3A1", {
      method: "PUT",
      body: JSON.stringify({ new_name: "sev::1", color: "#00ff00" }),
    });
    expect(updated).toMatchObject({
      status: 200,
      body: { name: "sev::1", color: "#00ff00", description: "Sev-1" },
    });
    expect((await h.json("/projects/acme%2Fshop/labels/sev%3A%3A1")).body).toMatchObject({
      name: "sev::1",
    });
    expect((await h.api("/projects/acme%2Fshop/labels/severity%3A%3A1")).status).toBe(404);
    const list = await h.json<Array<{ name: string }>>("/projects/acme%2Fshop/labels");
    expect(list.body.map((label) => label.name)).toEqual(["sev::1"]);
    expect(list.headers.get("x-total")).toBe("1");
    // The inspection API stays GitHub-shaped: bare hex colours.
    expect(sandbox.labels("acme/shop")).toMatchObject([{ name: "sev::1", color: "00ff00" }]);
  });

  it("maps collaborator permissions to access levels; non-members are 404", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop", {
      collaborators: { ada: "admin", max: "maintain", wes: "write", tia: "triage", rex: "read" },
    });
    const ids: Record<string, number> = {};
    for (const login of ["ada", "max", "wes", "tia", "rex", "stranger"])
      ids[login] = (await h.json<{ id: number }>("/user", { token: `user-${login}` })).body.id;
    const level = async (login: string) =>
      (await h.json<{ access_level: number }>(`/projects/acme%2Fshop/members/all/${ids[login]}`))
        .body.access_level;
    expect([
      await level("ada"),
      await level("max"),
      await level("wes"),
      await level("tia"),
      await level("rex"),
    ]).toEqual([50, 40, 30, 20, 10]);
    expect((await h.json(`/projects/acme%2Fshop/members/all/${ids.wes}`)).body).toEqual(
      expect.objectContaining({
        id: ids.wes,
        username: "wes",
        name: "wes",
        state: "active",
        access_level: 30,
      }),
    );
    expect(await h.json(`/projects/acme%2Fshop/members/all/${ids.stranger}`)).toMatchObject({
      status: 404,
      body: { message: "404 Not found" },
    });
    expect((await h.json(`/projects/acme%2Fshop/members/${ids.max}`)).body).toMatchObject({
      username: "max",
      access_level: 40,
    });
    const found = await h.json<Array<{ username: string; access_level: number }>>(
      "/projects/acme%2Fshop/members?query=wes",
    );
    expect(found.body).toEqual([expect.objectContaining({ username: "wes", access_level: 30 })]);
    expect((await h.json<unknown[]>("/projects/acme%2Fshop/members?query=stranger")).body).toEqual(
      [],
    );
  });

  it("serves files raw and as JSON with base64 content; missing files and unknown refs are 404", async () => {
    const sandbox = await h.start();
    sandbox.createRepo("acme/shop", { files: { ".gitlab/sevbot.yml": "oncall: [kim]\n" } });
    const raw = await h.api(
      "/projects/acme%2Fshop/repository/files/.gitlab%2Fsevbot.yml/raw?ref=main",
    );
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-type")).toContain("text/plain");
    expect(await raw.text()).toBe("oncall: [kim]\n");
    expect(
      await (await h.api("/projects/acme%2Fshop/repository/files/.gitlab%2Fsevbot.yml/raw")).text(),
    ).toBe("oncall: [kim]\n");
    const file = await h.json<{ content: string; blob_id: string; last_commit_id: string }>(
      "/projects/acme%2Fshop/repository/files/.gitlab%2Fsevbot.yml?ref=main",
    );
    expect(file.body).toMatchObject({
      file_path: ".gitlab/sevbot.yml",
      file_name: "sevbot.yml",
      ref: "main",
      encoding: "base64",
    });
    expect(Buffer.from(file.body.content, "base64").toString("utf8")).toBe("oncall: [kim]\n");
    expect(file.body.blob_id).toMatch(/^[0-9a-f]{40}$/);
    expect(file.body.last_commit_id).toMatch(/^[0-9a-f]{40}$/);
    sandbox.setFile("acme/shop", ".gitlab/sevbot.yml", "oncall: [lee]\n");
    expect(
      await (await h.api("/projects/acme%2Fshop/repository/files/.gitlab%2Fsevbot.yml/raw")).text(),
    ).toBe("oncall: [lee]\n");
    expect(
      await h.json("/projects/acme%2Fshop/repository/files/missing.yml/raw?ref=main"),
    ).toMatchObject({ status: 404, body: { message: "404 File Not Found" } });
    expect(
      (await h.api("/projects/acme%2Fshop/repository/files/.gitlab%2Fsevbot.yml/raw?ref=master"))
        .status,
    ).toBe(404);
  });
});
