import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { freePort } from "../../src/scenario/server-process.js";

const CLI = new URL("../../dist/cli/main.js", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;

/** `npm start` with no App and no GitLab: Probot's set-up flow, against the sandbox, never github.com. */
describe("npm start without APP_ID: Probot's set-up flow", () => {
  let sandbox: Sandbox;
  let dir: string;
  const children: ChildProcess[] = [];
  const output: string[] = [];

  function serve(env: Record<string, string>, port: number, cwd = dir): ChildProcess {
    const child = spawn(process.execPath, [CLI, "serve"], {
      cwd,
      env: {
        PATH: process.env.PATH ?? "",
        PORT: String(port),
        HOST: "127.0.0.1",
        GHE_HOST: sandbox.gheHost,
        GHE_PROTOCOL: "http",
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    children.push(child);
    return child;
  }

  async function until(url: string, child: ChildProcess): Promise<Response> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`sevbot exited:\n${output.join("")}`);
      try {
        const response = await fetch(url, { redirect: "manual" });
        if (response.status < 500) return response;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${url} did not answer within 15 s:\n${output.join("")}`);
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ webhookSecret: "unused" });
    // The working directory of `npm start`: the manifest and package.json are read from there.
    dir = mkdtempSync(join(tmpdir(), "sevbot-setup-"));
    copyFileSync(join(ROOT, "app.yml"), join(dir, "app.yml"));
    copyFileSync(join(ROOT, "package.json"), join(dir, "package.json"));
  });

  afterAll(async () => {
    for (const child of children) child.kill("SIGTERM");
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves /probot with app.yml, trades the code for the App's keys, writes .env; a restart serves the App", async () => {
    const port = await freePort();
    // No NO_SMEE_SETUP: sevbot asks Probot for no smee.io channel (no network but the sandbox).
    const setup = serve({}, port);
    const page = await until(`http://127.0.0.1:${port}/probot`, setup);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The form posts app.yml's manifest to the forge's "new app" page (the sandbox here).
    expect(html).toContain(`action="http://${sandbox.gheHost}/settings/apps/new"`);
    const manifest = JSON.parse(/value='([^']*)'/.exec(html)![1]!) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: "sevbot",
      default_permissions: { issues: "write", metadata: "read", single_file: "read" },
      default_events: ["issues", "issue_comment"],
      redirect_url: `http://127.0.0.1:${port}/probot/setup`,
    });

    // What the person does on GitHub: submit the manifest; GitHub redirects back with a code.
    const code = sandbox.registerAppManifest(manifest);
    const back = await fetch(`http://127.0.0.1:${port}/probot/setup?code=${code}`, {
      redirect: "manual",
    });
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe(`${sandbox.url}/apps/sevbot/installations/new`);
    const conversion = sandbox.requests.find((request) =>
      request.path.startsWith(`/app-manifests/${code}/conversions`),
    );
    expect(conversion).toMatchObject({ method: "POST", status: 201, valid: true });

    const written = parseEnv(readFileSync(join(dir, ".env"), "utf8"));
    expect(written.APP_ID).toMatch(/^\d+$/);
    expect(written.WEBHOOK_SECRET).toMatch(/^[0-9a-f]{40}$/);
    expect(written.PRIVATE_KEY).toContain("BEGIN RSA PRIVATE KEY");
    expect(written.GITHUB_CLIENT_ID).toMatch(/^Iv1\./);
    expect(written.WEBHOOK_PROXY_URL).toBeUndefined();
    setup.kill("SIGTERM");

    // Restarted with nothing but the forge's address: the App's settings come from .env.
    const appPort = await freePort();
    const app = serve({ NODE_ENV: "production" }, appPort);
    expect((await until(`http://127.0.0.1:${appPort}/ping`, app)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${appPort}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready", checks: { github: "ok" } });
  }, 40_000);

  it("in production it refuses with the variables to set instead of serving the page", async () => {
    const empty = mkdtempSync(join(tmpdir(), "sevbot-setup-"));
    const child = serve({ NODE_ENV: "production" }, await freePort(), empty);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output.join("")).toContain("sevbot serve: APP_ID is not set.");
    rmSync(empty, { recursive: true, force: true });
  }, 20_000);
});
