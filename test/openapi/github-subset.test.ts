import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractGithubSubset, readSourceVersion, serialiseSubset, sourceFilePath } from "../../scripts/extract-github-openapi.mjs";

const SUBSET_FILE = new URL("../../openapi/github.subset.json", import.meta.url);
const subsetText = readFileSync(SUBSET_FILE, "utf8");
const subset = JSON.parse(subsetText) as { paths: Record<string, Record<string, unknown>>; [key: string]: unknown };

/** Written out independently of the script's list, so a change to either is noticed. */
const EXPECTED_OPERATIONS = [
  "GET /app",
  "GET /app/installations",
  "GET /installation/repositories",
  "POST /app-manifests/{code}/conversions",
  "GET /user",
  "POST /app/installations/{installation_id}/access_tokens",
  "GET /repos/{owner}/{repo}",
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
  "GET /repos/{owner}/{repo}/contents/{path}",
  "GET /repos/{owner}/{repo}/installation",
  "GET /repos/{owner}/{repo}/issues",
  "POST /repos/{owner}/{repo}/issues",
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
  "GET /repos/{owner}/{repo}/issues/{issue_number}",
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
  "GET /repos/{owner}/{repo}/labels",
  "POST /repos/{owner}/{repo}/labels",
  "GET /repos/{owner}/{repo}/labels/{name}",
  "PATCH /repos/{owner}/{repo}/labels/{name}",
];

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

function collectRefs(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, refs));
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") refs.push(child);
      else collectRefs(child, refs);
    }
  }
  return refs;
}

function resolve(document: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, token) => (node && typeof node === "object" ? (node as Record<string, unknown>)[token.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), document);
}

describe("openapi/github.subset.json", () => {
  it("contains exactly the operations sevbot sends", () => {
    const operations = Object.entries(subset.paths).flatMap(([template, item]) =>
      Object.keys(item)
        .filter((key) => HTTP_METHODS.has(key))
        .map((method) => `${method.toUpperCase()} ${template}`),
    );
    expect(operations.sort()).toEqual([...EXPECTED_OPERATIONS].sort());
  });

  it("resolves every $ref locally", () => {
    const refs = collectRefs(subset);
    expect(refs.length).toBeGreaterThan(20);
    const unresolved = refs.filter((ref) => !ref.startsWith("#/") || resolve(subset, ref) === undefined);
    expect(unresolved).toEqual([]);
  });

  it("keeps request parameters and bodies but no response bodies, and stays small", () => {
    const createComment = subset.paths["/repos/{owner}/{repo}/issues/{issue_number}/comments"]!.post as Record<string, unknown>;
    expect(createComment.requestBody).toBeDefined();
    expect(createComment.parameters).toHaveLength(3);
    expect(JSON.stringify(createComment.responses)).not.toContain("content");
    expect(statSync(SUBSET_FILE).size).toBeLessThan(200 * 1024);
  });

  it("records where it came from", () => {
    expect(subset["x-sevbot-source"]).toMatchObject({ package: "@octokit/openapi", version: readSourceVersion(), file: "generated/api.github.com.json" });
    expect(subset.info).toMatchObject({ title: expect.stringContaining("GitHub") });
  });

  it("is exactly what the script extracts from the installed @octokit/openapi (no silent drift)", () => {
    const fullSpec = JSON.parse(readFileSync(sourceFilePath(), "utf8")) as object;
    const extracted = extractGithubSubset(fullSpec, readSourceVersion());
    expect(extracted).toEqual(subset);
    // Byte-identical too, so re-running the script never produces a spurious diff.
    expect(serialiseSubset(extracted) === subsetText).toBe(true);
  });
});
