import type { Ajv } from "ajv";
import { normaliseGitlabSpec } from "./gitlab-quirks.js";
import { compareSpecificity, matchTemplate, parseTemplate, splitSegments, type PathParams, type PathTemplate } from "./path-templates.js";
import { createAjv, dereference, formatErrors, isObject, toJsonSchema, type JsonObject, type ValidateFunction } from "./schemas.js";

export interface RequestToValidate {
  method: string;
  /** Path as sent, optionally with a query string and a base path such as `/api/v3`. */
  path: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
}

export type ValidationResult =
  | { ok: true; operationId: string; pathTemplate: string; params: PathParams }
  | { ok: false; status: 404 | 400 | 422; operationId?: string; errors: string[] };

export interface ValidatorOptions {
  /** Prefix stripped from request paths and spec paths when present (`/api/v3`, `/api/v4`). */
  basePath?: string;
  /** Platform conventions: error statuses, GitLab's spec quirks and comma-separated arrays. */
  normalise?: "github" | "gitlab";
}

export type RequestValidator = (request: RequestToValidate) => ValidationResult;

interface CompiledParameter {
  name: string;
  required: boolean;
  isArray: boolean;
  /** OpenAPI's default for query parameters: arrays as repeated keys, not comma-separated. */
  explode: boolean;
  check: ValidateFunction;
}

interface CompiledBody {
  required: boolean;
  check: ValidateFunction;
  /** Top-level properties typed as arrays: GitLab clients may send them comma-separated. */
  arrayProperties: Set<string>;
}

interface CompiledOperation {
  operationId: string;
  pathParameters: Map<string, CompiledParameter>;
  queryParameters: Map<string, CompiledParameter>;
  /** undefined when the operation documents no request body at all. */
  body: CompiledBody | undefined;
}

interface Route {
  path: PathTemplate;
  /** Template as written in the spec, the key into `paths`. */
  specPath: string;
  pathItem: JsonObject;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export function createRequestValidator(spec: object, options: ValidatorOptions = {}): RequestValidator {
  const platform = options.normalise;
  const document: JsonObject = platform === "gitlab" ? normaliseGitlabSpec(spec) : (spec as JsonObject);
  const routes = buildRoutes(document, options);
  const invalidStatus = platform === "github" ? 422 : 400;
  // Path and query values are always strings on the wire, so only they are coerced; GitLab's
  // Grape also coerces body values ("true", "42"), so GitLab bodies are coerced too.
  let ajvs: { parameters: Ajv; body: Ajv } | undefined;
  const getAjvs = () => (ajvs ??= { parameters: createAjv(document.components, true), body: createAjv(document.components, platform === "gitlab") });
  const compiled = new Map<string, CompiledOperation>();

  return function validate(request) {
    const [rawPath = "", rawQuery = ""] = splitOnce(request.path, "?");
    const path = stripBasePath(rawPath, options.basePath);
    let match: { route: Route; params: PathParams } | undefined;
    try {
      match = findRoute(routes, path);
    } catch {
      return { ok: false, status: 400, errors: [`${request.path}: malformed percent-encoding`] };
    }
    if (!match) return { ok: false, status: 404, errors: [`${path}: no operation has this path`] };

    const { route, params } = match;
    const method = operationMethod(route.pathItem, request.method);
    if (!method) {
      const allowed = HTTP_METHODS.filter((name) => isObject(route.pathItem[name])).map((name) => name.toUpperCase());
      return { ok: false, status: 404, errors: [`${request.method.toUpperCase()} ${route.specPath}: method not documented (allowed: ${allowed.join(", ")})`] };
    }
    const key = `${method} ${route.specPath}`;
    let operation = compiled.get(key);
    if (!operation) {
      operation = compileOperation(document, route, method, getAjvs());
      compiled.set(key, operation);
    }

    const body = parseBody(request.body, platform);
    if (body === INVALID_JSON) return { ok: false, status: 400, operationId: operation.operationId, errors: ["/body: is not valid JSON"] };
    const errors = [
      ...checkPathParameters(operation, params),
      ...checkQueryParameters(operation, collectQuery(rawQuery, request.query, platform, operation), platform),
      ...checkBody(operation, body, platform),
    ];
    if (errors.length > 0) return { ok: false, status: invalidStatus, operationId: operation.operationId, errors };
    return { ok: true, operationId: operation.operationId, pathTemplate: route.specPath, params };
  };
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return index === -1 ? [text, ""] : [text.slice(0, index), text.slice(index + 1)];
}

function stripBasePath(path: string, basePath: string | undefined): string {
  if (!basePath) return path;
  const base = basePath.replace(/\/$/, "");
  return path === base ? "/" : path.startsWith(`${base}/`) ? path.slice(base.length) : path;
}

function buildRoutes(document: JsonObject, options: ValidatorOptions): Route[] {
  const paths = isObject(document.paths) ? document.paths : {};
  const routes: Route[] = [];
  for (const [specPath, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    const spansSegments = (name: string) =>
      declaredParameters(document, pathItem).some((parameter) => parameter.name === name && parameter["x-multi-segment"] === true) ||
      (options.normalise === "github" && name === "path");
    routes.push({ path: parseTemplate(stripBasePath(specPath, options.basePath), spansSegments), specPath, pathItem });
  }
  return routes.sort((a, b) => compareSpecificity(a.path, b.path));
}

/** Every parameter declared on the path item or any of its operations, refs resolved. */
function declaredParameters(document: JsonObject, pathItem: JsonObject): JsonObject[] {
  const lists = [pathItem.parameters, ...HTTP_METHODS.map((method) => (isObject(pathItem[method]) ? pathItem[method].parameters : undefined))];
  return lists.flatMap((list) => (Array.isArray(list) ? list.map((parameter) => dereference(document, parameter)) : []));
}

function findRoute(routes: Route[], path: string): { route: Route; params: PathParams } | undefined {
  const segments = splitSegments(path);
  for (const route of routes) {
    const params = matchTemplate(route.path, segments);
    if (params) return { route, params };
  }
  return undefined;
}

/** HEAD is answered by the GET handler unless the spec documents HEAD separately. */
function operationMethod(pathItem: JsonObject, requestMethod: string): string | undefined {
  const method = requestMethod.toLowerCase();
  if (isObject(pathItem[method])) return method;
  return method === "head" && isObject(pathItem.get) ? "get" : undefined;
}

function compileOperation(document: JsonObject, route: Route, method: string, ajvs: { parameters: Ajv; body: Ajv }): CompiledOperation {
  const operation = route.pathItem[method] as JsonObject;
  const operationId = typeof operation.operationId === "string" ? operation.operationId : `${method.toUpperCase()} ${route.specPath}`;
  const pathParameters = new Map<string, CompiledParameter>();
  const queryParameters = new Map<string, CompiledParameter>();
  // Operation-level parameters override path-level ones with the same name and location.
  for (const parameter of [...listParameters(document, route.pathItem.parameters), ...listParameters(document, operation.parameters)]) {
    const target = parameter.in === "path" ? pathParameters : parameter.in === "query" ? queryParameters : undefined;
    target?.set(String(parameter.name), compileParameter(document, parameter, ajvs.parameters));
  }
  return { operationId, pathParameters, queryParameters, body: compileBody(document, operation.requestBody, ajvs.body) };
}

function listParameters(document: JsonObject, list: unknown): JsonObject[] {
  return Array.isArray(list) ? list.map((parameter) => dereference(document, parameter)) : [];
}

function compileParameter(document: JsonObject, parameter: JsonObject, ajv: Ajv): CompiledParameter {
  const schema = parameter.schema ?? {};
  return {
    name: String(parameter.name),
    required: parameter.required === true,
    isArray: hasType(dereference(document, isObject(schema) ? schema : {}), "array"),
    explode: parameter.explode !== false,
    check: ajv.compile(toJsonSchema(schema) as JsonObject),
  };
}

function hasType(schema: JsonObject, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}

function compileBody(document: JsonObject, requestBody: unknown, ajv: Ajv): CompiledBody | undefined {
  if (requestBody === undefined) return undefined;
  const body = dereference(document, requestBody);
  const content = isObject(body.content) ? body.content : {};
  const mediaType = content["application/json"] ?? Object.entries(content).find(([type]) => type.includes("json"))?.[1] ?? Object.values(content)[0];
  const schema = isObject(mediaType) && isObject(mediaType.schema) ? mediaType.schema : {};
  const properties = dereference(document, schema).properties;
  const arrayProperties = new Set(
    Object.entries(isObject(properties) ? properties : {})
      .filter(([, property]) => isObject(property) && hasType(dereference(document, property), "array"))
      .map(([name]) => name),
  );
  return { required: body.required === true, check: ajv.compile(toJsonSchema(schema) as JsonObject), arrayProperties };
}

function checkPathParameters(operation: CompiledOperation, params: PathParams): string[] {
  const errors: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    const parameter = operation.pathParameters.get(name);
    if (parameter && !parameter.check(value)) errors.push(...formatErrors(`/path/${name}`, parameter.check.errors));
  }
  return errors;
}

/** Query values from the path's query string and from `request.query`, repeated keys kept. */
function collectQuery(rawQuery: string, extra: RequestToValidate["query"], platform: ValidatorOptions["normalise"], operation: CompiledOperation): Map<string, string[]> {
  const query = new Map<string, string[]>();
  const add = (key: string, value: string) => {
    // Rails-style `iids[]=1&iids[]=2`, as GitLab clients send arrays.
    const name = platform === "gitlab" && key.endsWith("[]") && operation.queryParameters.has(key.slice(0, -2)) ? key.slice(0, -2) : key;
    query.set(name, [...(query.get(name) ?? []), value]);
  };
  for (const [key, value] of new URLSearchParams(rawQuery)) add(key, value);
  for (const [key, value] of Object.entries(extra ?? {})) for (const item of [value].flat()) add(key, item);
  return query;
}

function checkQueryParameters(operation: CompiledOperation, query: Map<string, string[]>, platform: ValidatorOptions["normalise"]): string[] {
  const errors: string[] = [];
  for (const [name, values] of query) {
    const parameter = operation.queryParameters.get(name);
    if (!parameter) {
      errors.push(`/query/${name}: unknown query parameter`);
    } else if (parameter.isArray) {
      const commaSeparated = values.length === 1 && (!parameter.explode || platform === "gitlab");
      const items = commaSeparated ? values[0]!.split(",") : values;
      if (!parameter.check(items)) errors.push(...formatErrors(`/query/${name}`, parameter.check.errors));
    } else if (values.length > 1 && platform !== "gitlab") {
      errors.push(`/query/${name}: must not be repeated`);
    } else {
      // GitLab renders several array parameters as scalars; a repeated one is checked item by item.
      for (const value of values) if (!parameter.check(value)) errors.push(...formatErrors(`/query/${name}`, parameter.check.errors));
    }
  }
  for (const parameter of operation.queryParameters.values()) {
    if (parameter.required && !query.has(parameter.name)) errors.push(`/query/${parameter.name}: required parameter is missing`);
  }
  return errors;
}

const INVALID_JSON = Symbol("invalid JSON");

/** Bodies arrive parsed (nock, fetch mocks) or as text; text is JSON or, for GitLab, a form. */
function parseBody(body: unknown, platform: ValidatorOptions["normalise"]): unknown {
  if (typeof body !== "string") return body ?? undefined;
  if (body.trim() === "") return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return platform === "gitlab" ? parseForm(body) : INVALID_JSON;
  }
}

function parseForm(text: string): JsonObject {
  const form: JsonObject = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const key = rawKey.replace(/\[\]$/, "");
    const previous = form[key];
    form[key] = rawKey.endsWith("[]") || previous !== undefined ? [...[previous ?? []].flat(), value] : value;
  }
  return form;
}

function checkBody(operation: CompiledOperation, body: unknown, platform: ValidatorOptions["normalise"]): string[] {
  const isEmpty = body === undefined || body === null || (isObject(body) && Object.keys(body).length === 0);
  if (!operation.body) return isEmpty ? [] : [`/body: ${operation.operationId} takes no request body`];
  if (body === undefined || body === null) return operation.body.required ? ["/body: request body is required"] : [];
  const value = platform === "gitlab" ? splitCommaSeparatedArrays(structuredClone(body), operation.body.arrayProperties) : body;
  return operation.body.check(value) ? [] : formatErrors("/body", operation.body.check.errors);
}

/** GitLab clients send `labels: "a,b"`; Grape splits such values into arrays. */
function splitCommaSeparatedArrays(body: unknown, arrayProperties: Set<string>): unknown {
  if (!isObject(body)) return body;
  for (const name of arrayProperties) {
    const value = body[name];
    if (typeof value === "string") body[name] = value === "" ? [] : value.split(",").map((item) => item.trim());
  }
  return body;
}
