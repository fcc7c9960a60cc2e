import { readFileSync } from "node:fs";
import { createRequestValidator, type RequestValidator } from "./validator.js";

/** Two levels below the package root both as source (src/openapi) and compiled (dist/openapi). */
const GITHUB_SUBSET = new URL("../../openapi/github.subset.json", import.meta.url);

/** GitHub Enterprise Server serves the REST API under this prefix; api.github.com has none. */
export const GITHUB_ENTERPRISE_BASE_PATH = "/api/v3";

let cachedSpec: object | undefined;

/** The operations sevbot sends, extracted from GitHub's own description (scripts/extract-github-openapi.mjs). */
export function loadGithubSpec(): object {
  cachedSpec ??= JSON.parse(readFileSync(GITHUB_SUBSET, "utf8")) as object;
  return cachedSpec;
}

/** Validates requests for api.github.com and, via the `/api/v3` prefix, GitHub Enterprise Server. */
export function createGithubValidator(options: { basePath?: string } = {}): RequestValidator {
  return createRequestValidator(loadGithubSpec(), { basePath: options.basePath ?? GITHUB_ENTERPRISE_BASE_PATH, normalise: "github" });
}
