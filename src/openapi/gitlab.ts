import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { createRequestValidator, type RequestValidator } from "./validator.js";

/** Two levels below the package root both as source (src/openapi) and compiled (dist/openapi). */
const GITLAB_SUBSET = new URL("../../openapi/gitlab.subset.yaml", import.meta.url);

/** GitLab serves REST API v4 under this prefix; its description's paths include it too. */
export const GITLAB_BASE_PATH = "/api/v4";

let cachedSpec: object | undefined;

/** GitLab's own description of the endpoints sevbot uses, as published (quirks included). */
export function loadGitlabSpec(): object {
  cachedSpec ??= yaml.load(readFileSync(GITLAB_SUBSET, "utf8")) as object;
  return cachedSpec;
}

/** Validates GitLab requests; the spec's Ruby type names are normalised, not rejected. */
export function createGitlabValidator(options: { basePath?: string } = {}): RequestValidator {
  return createRequestValidator(loadGitlabSpec(), { basePath: options.basePath ?? GITLAB_BASE_PATH, normalise: "gitlab" });
}
