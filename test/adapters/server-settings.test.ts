import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readServerSettings, SettingsError } from "../../src/config/env.js";

const KEY = "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----";

describe("server settings", () => {
  it("missing webhook secret: refuses with a clear message instead of Probot's 'development' default", () => {
    expect(() => readServerSettings({ APP_ID: "1", PRIVATE_KEY: KEY })).toThrow(SettingsError);
    expect(() => readServerSettings({ APP_ID: "1", PRIVATE_KEY: KEY })).toThrow(
      /WEBHOOK_SECRET is not set/,
    );
  });

  it("missing webhook secret: the built server exits non-zero and says why", () => {
    const result = spawnSync(process.execPath, ["dist/cli/main.js", "serve"], {
      env: { PATH: process.env.PATH, APP_ID: "1", PRIVATE_KEY: KEY },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("WEBHOOK_SECRET is not set");
  });

  it("GHE_HOST and GHE_PROTOCOL point the API at another host", () => {
    const settings = readServerSettings({
      APP_ID: "1",
      PRIVATE_KEY: KEY,
      WEBHOOK_SECRET: "s",
      GHE_HOST: "127.0.0.1:8080",
      GHE_PROTOCOL: "http",
    });
    expect(settings.github?.baseUrl).toBe("http://127.0.0.1:8080/api/v3");
    expect(settings.github?.privateKey).toContain("\n");
  });

  it("reads a base64 private key and reports bad values by name", () => {
    const base64 = Buffer.from(
      "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----",
    ).toString("base64");
    expect(
      readServerSettings({ APP_ID: "1", PRIVATE_KEY: base64, WEBHOOK_SECRET: "s" }).github
        ?.privateKey,
    ).toMatch(/^-----BEGIN/);
    expect(() =>
      readServerSettings({ APP_ID: "abc", PRIVATE_KEY: KEY, WEBHOOK_SECRET: "s", PORT: "99999" }),
    ).toThrow(/APP_ID: must be the numeric App ID[\s\S]*PORT/);
  });
});

describe("server settings for GitLab", () => {
  const gitlab = { GITLAB_TOKEN: "glpat-x", GITLAB_WEBHOOK_SECRET: "hook-secret" };

  it("GitLab alone: no GitHub App needed, defaults to gitlab.com and its per-user limits", () => {
    const settings = readServerSettings({
      ...gitlab,
      GITLAB_PROJECTS: "acme/shop, acme/incidents",
    });
    expect(settings.github).toBeUndefined();
    expect(settings.gitlab).toEqual({
      url: "https://gitlab.com",
      token: "glpat-x",
      webhookSecret: "hook-secret",
      projects: ["acme/shop", "acme/incidents"],
      notesPerMinute: 60,
      issuesPerMinute: 200,
    });
  });

  it("GitLab without its webhook secret refuses to start, as GitHub does", () => {
    expect(() => readServerSettings({ GITLAB_TOKEN: "glpat-x" })).toThrow(
      /GITLAB_WEBHOOK_SECRET is not set/,
    );
  });

  it("both platforms on one server when both are set up", () => {
    const settings = readServerSettings({
      APP_ID: "1",
      PRIVATE_KEY: KEY,
      WEBHOOK_SECRET: "s",
      ...gitlab,
      GITLAB_URL: "https://gitlab.example.com/",
    });
    expect(settings.github?.appId).toBe(1);
    expect(settings.gitlab?.url).toBe("https://gitlab.example.com");
  });

  it("GitHub's secret is still required when the App is configured next to GitLab", () => {
    expect(() => readServerSettings({ APP_ID: "1", PRIVATE_KEY: KEY, ...gitlab })).toThrow(
      /WEBHOOK_SECRET is not set/,
    );
  });
});
