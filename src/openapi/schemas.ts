import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import formatsPlugin from "ajv-formats";

/** Ajv id under which a spec's components are registered, so `#/components/...` refs resolve. */
const COMPONENTS_ID = "sevbot:openapi-components";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves a local `#/a/b` reference inside an OpenAPI document. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
  let node: unknown = document;
  for (const token of ref.slice(2).split("/")) {
    node = isObject(node) ? node[token.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  }
  if (node === undefined) throw new Error(`$ref ${ref} does not resolve`);
  return node;
}

/** Follows `$ref` chains (parameters, request bodies) until a concrete object is reached. */
export function dereference(document: unknown, value: unknown): JsonObject {
  let node = value;
  for (let hops = 0; isObject(node) && typeof node.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${node.$ref}`);
    node = resolvePointer(document, node.$ref);
  }
  if (!isObject(node)) throw new Error("expected an object in the OpenAPI document");
  return node;
}

const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "definitions", "$defs"]);
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SCHEMA_KEYWORDS = new Set(["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else"]);

/**
 * Copies a schema, calling `visit` on every subschema bottom-up. Only schema positions are
 * visited: property names, `enum` values and examples are data and are left alone.
 */
export function mapSchema(schema: unknown, visit: (node: JsonObject) => JsonObject): unknown {
  if (!isObject(schema)) return schema;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = mapKeyword(key, value, visit);
  return visit(copy);
}

function mapKeyword(key: string, value: unknown, visit: (node: JsonObject) => JsonObject): unknown {
  const mapOne = (subschema: unknown) => mapSchema(subschema, visit);
  if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) return Object.fromEntries(Object.entries(value).map(([name, subschema]) => [name, mapOne(subschema)]));
  if ((SCHEMA_LIST_KEYWORDS.has(key) || key === "items") && Array.isArray(value)) return value.map(mapOne);
  if (SCHEMA_KEYWORDS.has(key)) return mapOne(value);
  return value;
}

/**
 * Rewrites an OpenAPI 3.0 schema into JSON Schema Ajv understands: `nullable` becomes a `null`
 * type (OpenAPI 3.0 has no null type), and component refs point at the registered components.
 */
export function toJsonSchema(schema: unknown): unknown {
  return mapSchema(schema, ({ nullable, ...node }) => {
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/components/")) node.$ref = COMPONENTS_ID + node.$ref;
    return nullable === true ? allowNull(node) : node;
  });
}

function allowNull(schema: JsonObject): JsonObject {
  if (typeof schema.type === "string" && !("$ref" in schema)) {
    const enumWithNull = Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {};
    return { ...schema, type: [schema.type, "null"], ...enumWithNull };
  }
  // if/else rather than anyOf, so a non-null value is not also reported as "must be null".
  return { if: { type: "null" }, else: schema };
}

/** An Ajv instance that knows the spec's component schemas, so their refs resolve. */
export function createAjv(components: unknown, coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes });
  formatsPlugin.default(ajv);
  const schemas = isObject(components) && isObject(components.schemas) ? components.schemas : {};
  const converted = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, toJsonSchema(schema)]));
  ajv.addSchema({ $id: COMPONENTS_ID, components: { schemas: converted } });
  return ajv;
}

/** `"/body/labels: must be array"`: Ajv errors prefixed with where the value came from. */
export function formatErrors(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  // The branch's own errors explain an if/else failure; the "must match else" summary adds nothing.
  return (errors ?? []).filter((error) => error.keyword !== "if").map((error) => `${prefix}${error.instancePath}: ${error.message ?? "is invalid"}${errorDetail(error)}`);
}

function errorDetail(error: ErrorObject): string {
  const params = error.params as JsonObject;
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) return ` (${params.allowedValues.map((value) => JSON.stringify(value)).join(", ")})`;
  if (error.keyword === "additionalProperties") return ` (${String(params.additionalProperty)})`;
  return "";
}

export type { ValidateFunction };
