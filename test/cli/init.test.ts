import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runInit } from "../../src/cli/init.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";

let sandbox: Sandbox | undefined;
afterEach(async () => sandbox?.close());

describe("sevbot init against the sandbox", () => {
  it("creates the labels; the second run makes no writes", async () => {
    sandbox = await startSandbox({ webhookSecret: "s" });
    sandbox.createRepo("acme/shop");
    const out: string[] = [];
    const args = ["acme/shop", "--api", sandbox.apiUrl, "--token", "t"];
    expect(await runInit(args, {}, (line) => out.push(line))).toBe(0);
    const writesAfterFirst = sandbox.requests.filter((request) => request.write).length;
    expect(writesAfterFirst).toBeGreaterThan(15);
    expect(sandbox.labels("acme/shop").find((label) => label.name === "severity::1")).toMatchObject({ color: "b60205" });
    expect(await runInit(args, {}, (line) => out.push(line))).toBe(0);
    expect(sandbox.requests.filter((request) => request.write).length).toBe(writesAfterFirst);
    expect(out.at(-1)).toMatch(/0 label\(s\) created, 0 updated/);
    expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });

  it("--write puts the issue templates and a starter config into a checkout, once", async () => {
    sandbox = await startSandbox({ webhookSecret: "s" });
    sandbox.createRepo("acme/shop");
    const dir = mkdtempSync(join(tmpdir(), "sevbot-init-"));
    await runInit(["acme/shop", "--api", sandbox.apiUrl, "--write", dir], {}, () => undefined);
    for (const file of [".github/ISSUE_TEMPLATE/incident.yml", ".github/ISSUE_TEMPLATE/security-report.yml", ".gitlab/issue_templates/Incident.md", ".github/sevbot.yml"]) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(readFileSync(join(dir, ".github/ISSUE_TEMPLATE/incident.yml"), "utf8")).toContain("Sev-1 (Critical)");
  });

  it("refuses a malformed repository name", async () => {
    const out: string[] = [];
    expect(await runInit(["not-a-repo"], {}, (line) => out.push(line))).toBe(2);
    expect(out[0]).toMatch(/^Usage: sevbot init/);
  });
});
