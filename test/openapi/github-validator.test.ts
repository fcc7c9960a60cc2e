import { describe, expect, it } from "vitest";
import { createGithubValidator } from "../../src/openapi/github.js";
import type { RequestToValidate, ValidationResult } from "../../src/openapi/validator.js";

const validate = createGithubValidator();

function expectValid(request: RequestToValidate, operationId: string): Extract<ValidationResult, { ok: true }> {
  const result = validate(request);
  expect(result).toMatchObject({ ok: true, operationId });
  return result as Extract<ValidationResult, { ok: true }>;
}

function expectInvalid(request: RequestToValidate, status: number): string[] {
  const result = validate(request);
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(result.status).toBe(status);
  expect(result.errors.length).toBeGreaterThan(0);
  return result.errors;
}

describe("GitHub request validation: requests sevbot sends", () => {
  it("accepts a comment and reports the matched template and decoded params", () => {
    const result = expectValid({ method: "POST", path: "/repos/acme/web/issues/12/comments", body: { body: "Incident declared" } }, "issues/create-comment");
    expect(result.pathTemplate).toBe("/repos/{owner}/{repo}/issues/{issue_number}/comments");
    expect(result.params).toEqual({ owner: "acme", repo: "web", issue_number: "12" });
  });

  it("accepts adding labels as an object with a labels array, and removing a percent-encoded label", () => {
    expectValid({ method: "POST", path: "/repos/acme/web/issues/12/labels", body: { labels: ["severity::1", "incident"] } }, "issues/add-labels");
    const removed = expectValid({ method: "DELETE", path: "/repos/acme/web/issues/12/labels/severity%3A%3A1" }, "issues/remove-label");
    expect(removed.params.name).toBe("severity::1");
  });

  it("prefers literal segments over parameters", () => {
    const result = expectValid({ method: "PATCH", path: "/repos/acme/web/issues/comments/991", body: { body: "edited" } }, "issues/update-comment");
    expect(result.params).toEqual({ owner: "acme", repo: "web", comment_id: "991" });
  });

  it("lets the contents {path} span several decoded segments, with a query string", () => {
    const result = expectValid({ method: "GET", path: "/repos/acme/web/contents/.github/run%20books/sev1.md?ref=main" }, "repos/get-content");
    expect(result.params.path).toBe(".github/run books/sev1.md");
  });

  it("strips the GitHub Enterprise /api/v3 prefix", () => {
    expectValid({ method: "GET", path: "/api/v3/repos/acme/web/issues/5" }, "issues/get");
    expectValid({ method: "POST", path: "/api/v3/app/installations/4242/access_tokens" }, "apps/create-installation-access-token");
  });

  it("accepts the other operations in their usual shapes", () => {
    expectValid({ method: "PATCH", path: "/repos/acme/web/issues/5", body: { state: "closed", state_reason: "completed", milestone: null } }, "issues/update");
    expectValid({ method: "GET", path: "/repos/acme/web/issues", query: { labels: "severity::1", state: "open", per_page: "100" } }, "issues/list-for-repo");
    expectValid({ method: "POST", path: "/repos/acme/web/issues", body: { title: "Postmortem: SEV1", labels: ["postmortem"], assignees: ["octocat"] } }, "issues/create");
    expectValid({ method: "POST", path: "/repos/acme/web/issues/5/assignees", body: { assignees: ["octocat"] } }, "issues/add-assignees");
    expectValid({ method: "POST", path: "/repos/acme/web/labels", body: { name: "severity::1", color: "b60205", description: "Sev 1" } }, "issues/create-label");
    expectValid({ method: "PATCH", path: "/repos/acme/web/labels/severity%3A%3A1", body: { color: "d93f0b" } }, "issues/update-label");
    expectValid({ method: "GET", path: "/repos/acme/web/collaborators/octocat/permission" }, "repos/get-collaborator-permission-level");
    expectValid({ method: "GET", path: "/repos/acme/web/installation" }, "apps/get-repo-installation");
    expectValid({ method: "GET", path: "/repos/acme/web" }, "repos/get");
    expectValid({ method: "GET", path: "/app" }, "apps/get-authenticated");
    expectValid({ method: "POST", path: "/app/installations/4242/access_tokens", body: { permissions: { issues: "write" } } }, "apps/create-installation-access-token");
  });
});

describe("GitHub request validation: requests GitHub would refuse", () => {
  it("404s unknown paths and undocumented methods", () => {
    expect(expectInvalid({ method: "GET", path: "/repos/acme/web/incidents" }, 404)).toEqual(["/repos/acme/web/incidents: no operation has this path"]);
    const [error] = expectInvalid({ method: "PUT", path: "/repos/acme/web/issues/comments/991", body: { body: "x" } }, 404);
    expect(error).toContain("allowed: PATCH");
  });

  it("422s a missing or mistyped comment body", () => {
    expect(expectInvalid({ method: "POST", path: "/repos/acme/web/issues/12/comments" }, 422)).toEqual(["/body: request body is required"]);
    expect(expectInvalid({ method: "POST", path: "/repos/acme/web/issues/12/comments", body: { text: "hi" } }, 422)).toEqual(["/body: must have required property 'body'"]);
    expect(expectInvalid({ method: "POST", path: "/repos/acme/web/issues/12/comments", body: { body: 42 } }, 422)).toEqual(["/body/body: must be string"]);
  });

  it("422s labels sent as a string instead of an array", () => {
    const errors = expectInvalid({ method: "POST", path: "/repos/acme/web/issues/12/labels", body: { labels: "severity::1" } }, 422);
    expect(errors).toContain("/body/labels: must be array");
  });

  it("422s path parameters that do not match their schema", () => {
    expect(expectInvalid({ method: "GET", path: "/repos/acme/web/issues/twelve" }, 422)).toEqual(["/path/issue_number: must be integer"]);
  });

  it("422s unknown, repeated and invalid query parameters", () => {
    expect(expectInvalid({ method: "GET", path: "/repos/acme/web/issues?state=open&label=bug" }, 422)).toEqual(["/query/label: unknown query parameter"]);
    expect(expectInvalid({ method: "GET", path: "/repos/acme/web/issues?state=open&state=closed" }, 422)).toEqual(["/query/state: must not be repeated"]);
    const errors = expectInvalid({ method: "GET", path: "/repos/acme/web/issues", query: { state: "resolved", per_page: "lots" } }, 422);
    expect(errors).toEqual(['/query/state: must be equal to one of the allowed values ("open", "closed", "all")', "/query/per_page: must be integer"]);
  });

  it("422s enum violations in bodies, listing the allowed values", () => {
    expect(expectInvalid({ method: "PATCH", path: "/repos/acme/web/issues/5", body: { state: "resolved" } }, 422)).toEqual([
      '/body/state: must be equal to one of the allowed values ("open", "closed")',
    ]);
  });

  it("refuses bodies on operations that take none, and unparsable JSON with 400", () => {
    expect(expectInvalid({ method: "GET", path: "/repos/acme/web/issues/5", body: { state: "open" } }, 422)).toEqual(["/body: issues/get takes no request body"]);
    expect(expectInvalid({ method: "POST", path: "/repos/acme/web/issues", body: "{title:" }, 400)).toEqual(["/body: is not valid JSON"]);
  });

  it("only strips the base path it was given", () => {
    expectInvalid({ method: "GET", path: "/api/v4/repos/acme/web" }, 404);
    const onlyGhe = createGithubValidator({ basePath: "/github/api/v3" });
    expect(onlyGhe({ method: "GET", path: "/github/api/v3/repos/acme/web" }).ok).toBe(true);
  });
});
