import { describe, expect, it } from "vitest";
import { normaliseGitlabSchema } from "../../src/openapi/gitlab-quirks.js";
import { createRequestValidator } from "../../src/openapi/validator.js";

/** A small spec with the features the validator has to handle, written in spec order that a naive matcher would get wrong. */
const spec = {
  openapi: "3.0.3",
  info: { title: "test", version: "1" },
  paths: {
    "/things/{thing_id}": {
      parameters: [{ $ref: "#/components/parameters/thing-id" }],
      get: { operationId: "get-thing", responses: {} },
      put: {
        operationId: "put-thing",
        requestBody: { $ref: "#/components/requestBodies/thing" },
        responses: {},
      },
    },
    "/things/special": { get: { operationId: "get-special", responses: {} } },
    "/files/{path}": {
      get: { operationId: "get-file", parameters: [{ name: "path", in: "path", required: true, schema: { type: "string" } }], responses: {} },
    },
    "/blobs/{path}": {
      get: { operationId: "get-blob", parameters: [{ name: "path", in: "path", required: true, schema: { type: "string" }, "x-multi-segment": true }], responses: {} },
    },
    "/search": {
      get: {
        operationId: "search",
        parameters: [
          { name: "tags", in: "query", schema: { type: "array", items: { type: "integer" } } },
          { name: "ids", in: "query", explode: false, schema: { type: "array", items: { type: "integer" } } },
          { name: "q", in: "query", required: true, schema: { type: "string", minLength: 2 } },
        ],
        responses: {},
      },
    },
  },
  components: {
    parameters: { "thing-id": { name: "thing_id", in: "path", required: true, schema: { type: "integer" } } },
    requestBodies: {
      thing: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/thing" } } } },
    },
    schemas: {
      thing: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string" },
          count: { type: "integer" },
          colour: { type: "string", enum: ["red", "blue"], nullable: true },
          owner: { nullable: true, allOf: [{ $ref: "#/components/schemas/person" }] },
          // A property literally called "nullable" must not be mistaken for the keyword.
          nullable: { type: "boolean" },
        },
      },
      person: { type: "object", required: ["login"], properties: { login: { type: "string" }, manager: { $ref: "#/components/schemas/person" } } },
    },
  },
};

const validate = createRequestValidator(spec);

describe("createRequestValidator", () => {
  it("prefers the literal template whatever the spec order", () => {
    expect(validate({ method: "GET", path: "/things/special" })).toMatchObject({ ok: true, operationId: "get-special" });
    expect(validate({ method: "GET", path: "/things/7" })).toMatchObject({ ok: true, operationId: "get-thing", params: { thing_id: "7" } });
  });

  it("uses 400 for invalid requests when no platform is named, and checks path-item parameters", () => {
    expect(validate({ method: "GET", path: "/things/seven" })).toEqual({ ok: false, status: 400, operationId: "get-thing", errors: ["/path/thing_id: must be integer"] });
  });

  it("resolves requestBody and schema refs, including recursive ones", () => {
    const body = { name: "a", owner: { login: "x", manager: { login: "y" } } };
    expect(validate({ method: "PUT", path: "/things/7", body }).ok).toBe(true);
    expect(validate({ method: "PUT", path: "/things/7", body: { name: "a", owner: { login: "x", manager: {} } } })).toMatchObject({
      ok: false,
      errors: ["/body/owner/manager: must have required property 'login'"],
    });
  });

  it("treats OpenAPI 3.0 nullable as allowing null, including in enums and around refs", () => {
    expect(validate({ method: "PUT", path: "/things/7", body: { name: "a", colour: null, owner: null } }).ok).toBe(true);
    expect(validate({ method: "PUT", path: "/things/7", body: { name: null } })).toMatchObject({ ok: false, errors: ["/body/name: must be string"] });
    expect(validate({ method: "PUT", path: "/things/7", body: { name: "a", nullable: "yes" } })).toMatchObject({ ok: false, errors: ["/body/nullable: must be boolean"] });
  });

  it("coerces path and query values but never body values", () => {
    expect(validate({ method: "PUT", path: "/things/7", body: { name: "a", count: "3" } })).toMatchObject({ ok: false, errors: ["/body/count: must be integer"] });
    expect(validate({ method: "GET", path: "/search?q=sev&tags=1&tags=2" }).ok).toBe(true);
  });

  it("splits comma-separated arrays only where the parameter says explode: false", () => {
    expect(validate({ method: "GET", path: "/search?q=sev&ids=1,2,3" }).ok).toBe(true);
    expect(validate({ method: "GET", path: "/search?q=sev&tags=1,2" })).toMatchObject({ ok: false, errors: ["/query/tags/0: must be integer"] });
  });

  it("checks required and schema-constrained query parameters from both the path and the query object", () => {
    expect(validate({ method: "GET", path: "/search" })).toMatchObject({ ok: false, errors: ["/query/q: required parameter is missing"] });
    expect(validate({ method: "GET", path: "/search", query: { q: "s" } })).toMatchObject({ ok: false, errors: ["/query/q: must NOT have fewer than 2 characters"] });
  });

  it("lets a parameter span segments only when the spec marks it x-multi-segment", () => {
    expect(validate({ method: "GET", path: "/blobs/a/b/c.txt" })).toMatchObject({ ok: true, params: { path: "a/b/c.txt" } });
    expect(validate({ method: "GET", path: "/files/a/b/c.txt" })).toMatchObject({ ok: false, status: 404 });
    expect(validate({ method: "GET", path: "/files/a%2Fb%2Fc.txt" })).toMatchObject({ ok: true, params: { path: "a/b/c.txt" } });
  });

  it("answers HEAD from GET, 404s undocumented methods and 400s malformed encoding", () => {
    expect(validate({ method: "HEAD", path: "/things/7" })).toMatchObject({ ok: true, operationId: "get-thing" });
    expect(validate({ method: "DELETE", path: "/things/7" })).toMatchObject({ ok: false, status: 404 });
    expect(validate({ method: "GET", path: "/files/%E0%A4%A" })).toMatchObject({ ok: false, status: 400 });
  });

  it("does not mutate the caller's body when coercing GitLab values", () => {
    const gitlab = createRequestValidator(
      { paths: { "/api/v4/x": { post: { requestBody: { content: { "application/json": { schema: { type: "object", properties: { n: { type: "integer" }, tags: { type: "array", items: { type: "string" } } } } } } } } } } },
      { basePath: "/api/v4", normalise: "gitlab" },
    );
    const body = { n: "5", tags: "a,b" };
    expect(gitlab({ method: "POST", path: "/api/v4/x", body })).toMatchObject({ ok: true, operationId: "POST /api/v4/x" });
    expect(body).toEqual({ n: "5", tags: "a,b" });
  });
});

describe("normaliseGitlabSchema", () => {
  it("maps Ruby type names to JSON types and collapses type-only oneOf", () => {
    expect(normaliseGitlabSchema({ type: "Boolean" })).toEqual({ type: "boolean" });
    expect(normaliseGitlabSchema({ type: "DateTime" })).toEqual({ type: "string" });
    expect(normaliseGitlabSchema({ type: "Symbol", example: ":executable" })).toEqual({ type: "string", example: ":executable" });
    expect(normaliseGitlabSchema({ type: "API::Validations::Types::WorkhorseFile" })).toEqual({ type: "string" });
    expect(normaliseGitlabSchema({ type: "SomethingElse" })).toEqual({});
    expect(normaliseGitlabSchema({ oneOf: [{ type: "string" }, { type: "integer" }] })).toEqual({ type: ["string", "integer"] });
    expect(normaliseGitlabSchema({ oneOf: [{ type: "integer" }] })).toEqual({ type: "integer" });
    expect(normaliseGitlabSchema({ oneOf: [{ type: "string" }, { type: "object", properties: {} }] })).toEqual({ oneOf: [{ type: "string" }, { type: "object", properties: {} }] });
  });

  it("recurses into properties and items but leaves property names and examples alone", () => {
    const schema = { type: "object", properties: { type: { type: "Boolean" }, list: { type: "array", items: { type: "DateTime", format: "date-time" } } }, example: { type: "Boolean" } };
    expect(normaliseGitlabSchema(schema)).toEqual({ type: "object", properties: { type: { type: "boolean" }, list: { type: "array", items: { type: "string" } } }, example: { type: "Boolean" } });
  });
});
