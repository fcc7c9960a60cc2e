import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createGitlabValidator, loadGitlabSpec } from "../../src/openapi/gitlab.js";
import { normaliseGitlabSpec } from "../../src/openapi/gitlab-quirks.js";
import type { RequestToValidate } from "../../src/openapi/validator.js";

const validate = createGitlabValidator();

function expectValid(request: RequestToValidate, operationId: string) {
  const result = validate(request);
  expect(result).toMatchObject({ ok: true, operationId });
  return result;
}

function expectErrors(request: RequestToValidate, status: number): string[] {
  const result = validate(request);
  if (result.ok) throw new Error(`expected ${request.method} ${request.path} to be rejected`);
  expect(result.status).toBe(status);
  return result.errors;
}

describe("openapi/gitlab.subset.yaml", () => {
  // The shared fixtures live next to the checkout in the development workspace only.
  const sharedFixture = new URL("../../../shared/fixtures/gitlab/openapi-subset.yaml", import.meta.url);
  it.skipIf(!existsSync(sharedFixture))("is the shared fixture, copied verbatim", () => {
    const copy = readFileSync(new URL("../../openapi/gitlab.subset.yaml", import.meta.url), "utf8");
    const original = readFileSync(sharedFixture, "utf8");
    expect(copy).toBe(original);
  });

  it("keeps GitLab's quirks in the file and normalises them on load", () => {
    const raw = JSON.stringify(loadGitlabSpec());
    expect(raw).toContain('"type":"Boolean"');
    expect(raw).toContain('"type":"DateTime"');
    const normalised = JSON.stringify(normaliseGitlabSpec(loadGitlabSpec()));
    expect(normalised).not.toMatch(/"type":"(Boolean|DateTime|Symbol|API::[^"]*)"/);
    expect(normalised).toContain('"type":["string","integer"]');
  });
});

describe("GitLab request validation: requests sevbot sends", () => {
  it("creates an issue in a project addressed by URL-encoded path, labels comma-separated", () => {
    const result = expectValid({ method: "POST", path: "/api/v4/projects/acme%2Fweb/issues", body: { title: "Postmortem", labels: "postmortem,severity::1" } }, "postApiV4ProjectsIdIssues");
    expect(result).toMatchObject({ pathTemplate: "/api/v4/projects/{id}/issues", params: { id: "acme/web" } });
  });

  it("accepts labels as a JSON array too, and numeric project ids", () => {
    expectValid({ method: "POST", path: "/api/v4/projects/42/issues", body: { title: "Postmortem", labels: ["postmortem"], confidential: true } }, "postApiV4ProjectsIdIssues");
  });

  it("closes an issue with state_event and edits labels", () => {
    expectValid({ method: "PUT", path: "/api/v4/projects/42/issues/7", body: { state_event: "close" } }, "putApiV4ProjectsIdIssuesIssueIid");
    expectValid({ method: "PUT", path: "/api/v4/projects/acme%2Fweb/issues/7", body: { add_labels: "severity::2", remove_labels: "severity::1" } }, "putApiV4ProjectsIdIssuesIssueIid");
  });

  it("creates and edits notes", () => {
    expectValid({ method: "POST", path: "/api/v4/projects/42/issues/7/notes", body: { body: "Incident declared", internal: false } }, "postApiV4ProjectsIdIssuesNoteableIdNotes");
    expectValid({ method: "PUT", path: "/api/v4/projects/42/issues/7/notes/301", body: { body: "edited" } }, "putApiV4ProjectsIdIssuesNoteableIdNotesNoteId");
  });

  it("looks up a member, literal `all` beating the {user_id} parameter", () => {
    const inherited = expectValid({ method: "GET", path: "/api/v4/projects/acme%2Fweb/members/all/5" }, "getApiV4ProjectsIdMembersAllUserId");
    expect(inherited).toMatchObject({ params: { id: "acme/web", user_id: "5" } });
    expectValid({ method: "GET", path: "/api/v4/projects/42/members/5" }, "getApiV4ProjectsIdMembersUserId");
  });

  it("reads a raw file whose path is URL-encoded, and lists issues with array query parameters", () => {
    const file = expectValid({ method: "GET", path: "/api/v4/projects/42/repository/files/.gitlab%2Fsevbot.yml/raw?ref=main" }, "getApiV4ProjectsIdRepositoryFilesFilePathRaw");
    expect(file).toMatchObject({ params: { file_path: ".gitlab/sevbot.yml" } });
    expectValid({ method: "GET", path: "/api/v4/projects/42/issues?labels=severity::1,incident&state=opened&iids[]=1&iids[]=2&per_page=100" }, "getApiV4ProjectsIdIssues");
  });

  it("accepts form-style values that Grape coerces", () => {
    expectValid({ method: "POST", path: "/api/v4/projects/42/issues", body: "title=Postmortem&labels=a%2Cb&confidential=true&assignee_ids=5,6" }, "postApiV4ProjectsIdIssues");
    expectValid({ method: "POST", path: "/api/v4/projects/42/labels", body: { name: "severity::1", color: "#FF0000", priority: "1" } }, "postApiV4ProjectsIdLabels");
  });

  it("also accepts paths without the /api/v4 prefix", () => {
    expectValid({ method: "GET", path: "/user" }, "getApiV4User");
  });
});

describe("GitLab request validation: requests GitLab would refuse", () => {
  it("400s an unknown state_event, listing the allowed values", () => {
    expect(expectErrors({ method: "PUT", path: "/api/v4/projects/42/issues/7", body: { state_event: "closed" } }, 400)).toEqual([
      '/body/state_event: must be equal to one of the allowed values ("reopen", "close")',
    ]);
  });

  it("400s a note without a body and non-numeric ids", () => {
    expect(expectErrors({ method: "POST", path: "/api/v4/projects/42/issues/7/notes", body: { internal: true } }, 400)).toEqual(["/body: must have required property 'body'"]);
    expect(expectErrors({ method: "GET", path: "/api/v4/projects/42/members/all/octocat" }, 400)).toEqual(["/path/user_id: must be integer"]);
    expect(expectErrors({ method: "POST", path: "/api/v4/projects/42/issues", body: { title: "x", confidential: "maybe" } }, 400)).toEqual(["/body/confidential: must be boolean"]);
  });

  it("400s unknown query parameters and a missing required one", () => {
    expect(expectErrors({ method: "GET", path: "/api/v4/projects/42/issues?status=opened" }, 400)).toEqual(["/query/status: unknown query parameter"]);
    expect(expectErrors({ method: "GET", path: "/api/v4/projects/42/repository/files/README.md" }, 400)).toEqual(["/query/ref: required parameter is missing"]);
  });

  it("404s unknown routes, unencoded project paths and undocumented methods", () => {
    expectErrors({ method: "GET", path: "/api/v4/projects/42/incidents" }, 404);
    expectErrors({ method: "GET", path: "/api/v4/projects/acme/web/issues" }, 404);
    expect(expectErrors({ method: "PATCH", path: "/api/v4/projects/42/issues/7", body: { state_event: "close" } }, 404)[0]).toContain("allowed: GET, PUT, DELETE");
  });
});
