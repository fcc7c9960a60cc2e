import { isObject, mapSchema, type JsonObject } from "./schemas.js";

/**
 * GitLab's Grape-generated description names Ruby types (`Boolean`, `DateTime`, `Symbol`,
 * `API::Validations::Types::WorkhorseFile`) where JSON Schema expects JSON types. Map them.
 */
const RUBY_TYPE_TO_JSON: Record<string, string | undefined> = {
  boolean: "boolean",
  integer: "integer",
  float: "number",
  number: "number",
  string: "string",
  symbol: "string",
  datetime: "string",
  date: "string",
  hash: "object",
  object: "object",
  array: "array",
  "api::validations::types::workhorsefile": "string",
};

const SCALAR_TYPES = new Set(["string", "integer", "number", "boolean"]);

/** Returns a copy of a GitLab OpenAPI document whose schemas are plain JSON Schema. */
export function normaliseGitlabSpec(spec: object): JsonObject {
  const copy = structuredClone(spec) as JsonObject;
  for (const pathItem of Object.values(isObject(copy.paths) ? copy.paths : {})) {
    if (!isObject(pathItem)) continue;
    normaliseParameters(pathItem.parameters);
    for (const operation of Object.values(pathItem)) {
      if (!isObject(operation)) continue;
      normaliseParameters(operation.parameters);
      normaliseRequestBody(operation.requestBody);
    }
  }
  const components = isObject(copy.components) ? copy.components : {};
  if (isObject(components.schemas)) {
    for (const [name, schema] of Object.entries(components.schemas)) components.schemas[name] = normaliseGitlabSchema(schema);
  }
  return copy;
}

export function normaliseGitlabSchema(schema: unknown): unknown {
  return mapSchema(schema, (node) => collapseTypeOnlyOneOf(relaxDateTime(mapRubyType(node))));
}

function normaliseParameters(parameters: unknown): void {
  if (!Array.isArray(parameters)) return;
  for (const parameter of parameters) {
    if (isObject(parameter) && "schema" in parameter) parameter.schema = normaliseGitlabSchema(parameter.schema);
  }
}

function normaliseRequestBody(requestBody: unknown): void {
  if (!isObject(requestBody) || !isObject(requestBody.content)) return;
  for (const media of Object.values(requestBody.content)) {
    if (isObject(media) && "schema" in media) media.schema = normaliseGitlabSchema(media.schema);
  }
}

function mapRubyType(node: JsonObject): JsonObject {
  if (typeof node.type !== "string") return node;
  const { type, ...rest } = node;
  const jsonType = RUBY_TYPE_TO_JSON[type.toLowerCase()];
  return jsonType === undefined ? rest : { ...rest, type: jsonType };
}

/** Grape accepts loose date strings (fields documented as "YEAR-MONTH-DAY" are typed date-time). */
function relaxDateTime(node: JsonObject): JsonObject {
  if (node.format !== "date-time") return node;
  const { format: _format, ...rest } = node;
  return rest;
}

/**
 * `oneOf: [{type: string}, {type: integer}]` becomes `type: [string, integer]`: the same set of
 * values, but it survives type coercion ("42" would otherwise match both branches), and the
 * generator's one-branch `oneOf` (how it renders some array parameters) becomes a plain type.
 */
function collapseTypeOnlyOneOf(node: JsonObject): JsonObject {
  const { oneOf, ...rest } = node;
  if (!Array.isArray(oneOf) || "type" in rest) return node;
  const types = oneOf.map((branch) => (isObject(branch) && Object.keys(branch).length === 1 && typeof branch.type === "string" && SCALAR_TYPES.has(branch.type) ? branch.type : undefined));
  if (types.some((type) => type === undefined)) return node;
  if (types.includes("integer") && types.includes("number")) return node;
  return { ...rest, type: types.length === 1 ? types[0] : types };
}
