import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readServerSettings, SettingsError } from "../../src/config/env.js";

const KEY = "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----";

describe("server settings", () => {
  it("missing webhook secret: refuses with a clear message instead of Probot's 'development' default", () => {
    expect(() => readServerSettings({ APP_ID: "1", PRIVATE_KEY: KEY })).toThrow(SettingsError);
    expect(() => readServerSettings({ APP_ID: "1", PRIVATE_KEY: KEY })).toThrow(/WEBHOOK_SECRET is not set/);
  });

  it("missing webhook secret: the built server exits non-zero and says why", () => {
    const result = spawnSync(process.execPath, ["dist/cli/main.js", "serve"], { env: { PATH: process.env.PATH, APP_ID: "1", PRIVATE_KEY: KEY }, encoding: "utf8", timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("WEBHOOK_SECRET is not set");
  });

  it("GHE_HOST and GHE_PROTOCOL point the API at another host", () => {
    const settings = readServerSettings({ APP_ID: "1", PRIVATE_KEY: KEY, WEBHOOK_SECRET: "s", GHE_HOST: "127.0.0.1:8080", GHE_PROTOCOL: "http" });
    expect(settings.baseUrl).toBe("http://127.0.0.1:8080/api/v3");
    expect(settings.privateKey).toContain("\n");
  });

  it("reads a base64 private key and reports bad values by name", () => {
    const base64 = Buffer.from("-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----").toString("base64");
    expect(readServerSettings({ APP_ID: "1", PRIVATE_KEY: base64, WEBHOOK_SECRET: "s" }).privateKey).toMatch(/^-----BEGIN/);
    expect(() => readServerSettings({ APP_ID: "abc", PRIVATE_KEY: KEY, WEBHOOK_SECRET: "s", PORT: "99999" })).toThrow(/APP_ID: must be the numeric App ID[\s\S]*PORT/);
  });
});
