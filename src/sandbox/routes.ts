import { appRoutes } from "./github-app-routes.js";
import { repoRoutes } from "./github-repo-routes.js";
import type { Route } from "./github-route-kit.js";
import type { Mutations } from "./mutations.js";
import type { SandboxStore } from "./store.js";

export type { Route, RouteRequest } from "./github-route-kit.js";
export type { RouteResponse } from "./face.js";

/** The REST routes sevbot uses, on the sandbox's in-memory store. */
export function createRoutes(store: SandboxStore, mutate: Mutations): Route[] {
  // Order matters: a request takes the first route whose method and pattern match.
  return [...appRoutes(store), ...repoRoutes(store, mutate)];
}
