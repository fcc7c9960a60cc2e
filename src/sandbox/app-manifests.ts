import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Route } from "./routes.js";

/**
 * GitHub's "register an app from a manifest" flow, the part a server sees: the person submits the
 * manifest on GitHub (here: `register`), GitHub hands a temporary code to the app's redirect URL,
 * and the app trades it for its id, key and secrets (`POST /app-manifests/{code}/conversions`).
 * A code works once, as on GitHub.
 */
export function createManifestRegistry() {
  const pending = new Map<string, Record<string, unknown>>();
  let nextAppId = 100;
  const route: Route = {
    method: "POST",
    pattern: /^\/app-manifests\/([^/]+)\/conversions$/,
    write: true,
    handle({ params, base }) {
      const manifest = pending.get(params[0] ?? "");
      if (!manifest) return { status: 404, body: { message: "Not Found" } };
      pending.delete(params[0]!);
      const id = nextAppId++;
      const name = String(manifest.name ?? "sevbot");
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      return {
        status: 201,
        body: {
          id,
          slug,
          node_id: `A_${id}`,
          name,
          description: manifest.description ?? null,
          owner: { login: "sandbox", id: 1, type: "Organization" },
          html_url: `${base}/apps/${slug}`,
          external_url: manifest.url ?? base,
          permissions: manifest.default_permissions ?? {},
          events: manifest.default_events ?? [],
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
          client_id: `Iv1.${randomBytes(8).toString("hex")}`,
          client_secret: randomBytes(20).toString("hex"),
          webhook_secret: randomBytes(20).toString("hex"),
          pem: generateKeyPairSync("rsa", {
            modulusLength: 2048,
            privateKeyEncoding: { type: "pkcs1", format: "pem" },
            publicKeyEncoding: { type: "spki", format: "pem" },
          }).privateKey,
        },
      };
    },
  };
  return {
    route,
    /** What GitHub's "Create GitHub App" page does with a submitted manifest: the code it redirects with. */
    register(manifest: Record<string, unknown>): string {
      const code = randomBytes(10).toString("hex");
      pending.set(code, manifest);
      return code;
    },
  };
}
