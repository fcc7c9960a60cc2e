import type { IncomingHttpHeaders } from "node:http";
import type { RequestToValidate, ValidationResult } from "../openapi/validator.js";
import type { SandboxUser } from "./store.js";

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request that passed validation, as a face's handler sees it. */
export interface FaceRequest {
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  actor: SandboxUser;
  base: string;
  requestUrl: string;
}

export interface FaceRoute {
  write: boolean;
  handle(request: FaceRequest): RouteResponse;
}

export type ValidRequest = Extract<ValidationResult, { ok: true }>;
export type InvalidRequest = Extract<ValidationResult, { ok: false }>;

/**
 * One forge's HTTP conventions on the shared store: its API prefix, its OpenAPI description,
 * its tokens, its routes and the exact error bodies it answers with.
 */
export interface SandboxFace {
  /** Stripped from the path before validating, routing and recording (`/api/v3`, `/api/v4`). */
  prefix: string;
  /** undefined when the body cannot be parsed. */
  parseBody(raw: string, headers: IncomingHttpHeaders): Record<string, unknown> | undefined;
  /** undefined when the request carries no credentials the forge accepts. */
  actorOf(headers: IncomingHttpHeaders): SandboxUser | undefined;
  validate(request: RequestToValidate): ValidationResult;
  routeFor(method: string, path: string, check: ValidRequest): FaceRoute | undefined;
  /** Requests that never get an injected fault (token exchange). */
  faultExempt(path: string): boolean;
  /** Content type of text bodies (raw files). */
  textType: string;
  errors: {
    badBody: RouteResponse;
    unauthorized: RouteResponse;
    notFound: RouteResponse;
    invalid(check: InvalidRequest): RouteResponse;
    serverError: RouteResponse;
    rateLimited: RouteResponse;
  };
}
