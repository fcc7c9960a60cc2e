// Writes openapi/github.subset.json: the part of GitHub's official OpenAPI description that
// sevbot calls, with every components entry it references, so requests can be validated
// without loading the 13 MB original. Run: node scripts/extract-github-openapi.mjs
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { URL, fileURLToPath, pathToFileURL } from "node:url";

export const SOURCE_PACKAGE = "@octokit/openapi";
export const SOURCE_FILE = "generated/api.github.com.json";

/** The operations sevbot (and its test doubles) may send, as [method, path template]. */
export const GITHUB_OPERATIONS = [
  ["get", "/repos/{owner}/{repo}/issues/{issue_number}"],
  ["patch", "/repos/{owner}/{repo}/issues/{issue_number}"],
  ["get", "/repos/{owner}/{repo}/issues"],
  ["post", "/repos/{owner}/{repo}/issues"],
  ["get", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["patch", "/repos/{owner}/{repo}/issues/comments/{comment_id}"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/labels"],
  ["delete", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/assignees"],
  ["get", "/repos/{owner}/{repo}/labels"],
  ["post", "/repos/{owner}/{repo}/labels"],
  ["get", "/repos/{owner}/{repo}/labels/{name}"],
  ["patch", "/repos/{owner}/{repo}/labels/{name}"],
  ["get", "/repos/{owner}/{repo}/contents/{path}"],
  ["get", "/repos/{owner}/{repo}/collaborators/{username}/permission"],
  ["get", "/repos/{owner}/{repo}"],
  ["get", "/repos/{owner}/{repo}/installation"],
  ["post", "/app/installations/{installation_id}/access_tokens"],
  ["get", "/app"],
  ["get", "/app/installations"],
  ["get", "/installation/repositories"],
  ["post", "/app-manifests/{code}/conversions"],
  ["get", "/user"],
];

/** Operation fields worth keeping; responses are reduced to their descriptions. */
const KEPT_OPERATION_FIELDS = [
  "operationId",
  "summary",
  "tags",
  "externalDocs",
  "deprecated",
  "parameters",
  "requestBody",
];

export function sourceFilePath() {
  return fileURLToPath(
    new URL(`../node_modules/${SOURCE_PACKAGE}/${SOURCE_FILE}`, import.meta.url),
  );
}

export function readSourceVersion() {
  const packageJson = new URL(`../node_modules/${SOURCE_PACKAGE}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(packageJson, "utf8")).version;
}

/** Builds the subset document from the full spec; pure, so tests can re-run it. */
export function extractGithubSubset(fullSpec, sourceVersion) {
  const paths = {};
  for (const [method, template] of GITHUB_OPERATIONS) {
    const operation = fullSpec.paths[template]?.[method];
    if (!operation)
      throw new Error(`${method.toUpperCase()} ${template} is not in the GitHub spec`);
    paths[template] ??= pathItemParameters(fullSpec.paths[template]);
    paths[template][method] = slimOperation(fullSpec, operation);
  }
  return {
    openapi: fullSpec.openapi,
    info: fullSpec.info,
    "x-sevbot-source": {
      package: SOURCE_PACKAGE,
      version: sourceVersion,
      file: SOURCE_FILE,
      note: "Subset made by scripts/extract-github-openapi.mjs: only the operations sevbot sends, response bodies dropped. Do not edit by hand.",
    },
    servers: fullSpec.servers,
    paths,
    components: referencedComponents(fullSpec, paths),
  };
}

function pathItemParameters(pathItem) {
  return pathItem.parameters ? { parameters: pathItem.parameters } : {};
}

function slimOperation(fullSpec, operation) {
  const slim = {};
  for (const field of KEPT_OPERATION_FIELDS) {
    if (operation[field] !== undefined) slim[field] = operation[field];
  }
  slim.responses = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const resolved = response.$ref ? resolvePointer(fullSpec, response.$ref) : response;
    slim.responses[status] = { description: resolved.description ?? "" };
  }
  return slim;
}

/** Follows $refs transitively and returns the components they name, sorted for a stable file. */
function referencedComponents(fullSpec, roots) {
  const found = new Set();
  const pending = [...collectRefs(roots)];
  while (pending.length > 0) {
    const ref = pending.pop();
    if (found.has(ref)) continue;
    found.add(ref);
    pending.push(...collectRefs(resolvePointer(fullSpec, ref)));
  }
  const components = {};
  for (const ref of [...found].sort()) {
    const [, , section, name, ...rest] = ref.split("/");
    if (rest.length > 0 || !section || !name) throw new Error(`unsupported $ref ${ref}`);
    components[section] ??= {};
    components[section][name] = resolvePointer(fullSpec, ref);
  }
  return components;
}

function collectRefs(value, refs = new Set()) {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, refs);
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") refs.add(child);
      else collectRefs(child, refs);
    }
  }
  return refs;
}

function resolvePointer(document, ref) {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
  let node = document;
  for (const token of ref.slice(2).split("/")) {
    node = node?.[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  if (node === undefined) throw new Error(`$ref ${ref} does not resolve`);
  return node;
}

export function serialiseSubset(subset) {
  return `${JSON.stringify(subset, null, 2)}\n`;
}

function main() {
  const fullSpec = JSON.parse(readFileSync(sourceFilePath(), "utf8"));
  const text = serialiseSubset(extractGithubSubset(fullSpec, readSourceVersion()));
  const target = new URL("../openapi/github.subset.json", import.meta.url);
  writeFileSync(target, text);
  process.stdout.write(
    `wrote ${fileURLToPath(target)} (${(text.length / 1024).toFixed(1)} KiB, ${GITHUB_OPERATIONS.length} operations)\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
