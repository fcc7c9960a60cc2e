import { execFile } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DEFAULTS = readFileSync(join(ROOT, "config/default.yml"), "utf8");

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the built package (dist/, package.json) with its own config/default.yml. */
function packageWith(defaults: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sevbot-defaults-"));
  copies.push(dir);
  cpSync(join(ROOT, "dist"), join(dir, "dist"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config/default.yml"), defaults);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

function sevbot(dir: string, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [join(dir, "dist/cli/main.js"), ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** One edit of the file, failing loudly if the text to change is no longer there. */
function edit(from: string, to: string): string {
  expect(DEFAULTS).toContain(from);
  return DEFAULTS.replace(from, to);
}

const SIMULATE = ["simulate", "--severity", "1", "--at", "2026-11-23T10:00:00Z"];

describe("the built sevbot reads config/default.yml when it starts", () => {
  it("a changed Sev-1 policy in the file is the plan sevbot simulates", async () => {
    const dir = packageWith(
      edit(
        'notify: { channels: ["#tech-incidents"], everyone: true, oncall: true, page: true }\n      repeatEvery: 5\n      maxRepeats: 12',
        'notify: { channels: ["#sev1-room"], everyone: true, oncall: true, page: true }\n      repeatEvery: 20\n      maxRepeats: 2',
      ),
    );
    const changed = await sevbot(dir, SIMULATE);
    const original = await sevbot(ROOT, SIMULATE);
    expect(changed.code).toBe(0);
    const steps = (output: string) => output.split("\n").filter((line) => line.startsWith("+"));
    expect(steps(changed.stdout)).toEqual([
      "+  0 min  step 1     @channel in #sev1-room; on-call (none configured); PagerDuty page",
      "+ 20 min  repeat 1   @channel in #sev1-room; on-call (none configured); PagerDuty page",
      "+ 40 min  repeat 2   @channel in #sev1-room; on-call (none configured); PagerDuty page",
      "+ 80 min  everyone   @channel in #sev1-room; on-call (none configured); PagerDuty page (repeats used up)",
      "+140 min  everyone   @channel in #sev1-room; on-call (none configured); PagerDuty page (repeats used up)",
    ]);
    // 1 step, 12 repeats, then everyone at 70, 90, 130 and 190 min (every hour after that).
    expect(steps(original.stdout)).toHaveLength(17);
    expect(steps(original.stdout)[1]).toMatch(
      /^\+ {2}5 min {2}repeat 1 +@channel in #tech-incidents/,
    );
  });

  it("a value the schema refuses stops it with one readable message", async () => {
    const dir = packageWith(edit("statusEvery: { 1: 10,", "statusEvery: { 1: -10,"));
    const { code, stdout, stderr } = await sevbot(dir, SIMULATE);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(
      `sevbot: sevbot's built-in defaults ${join(dir, "config/default.yml")} are invalid:`,
    );
    expect(stderr).toContain("escalation.statusEvery.1");
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("a setting left out of the file is named", async () => {
    const dir = packageWith(edit("  handoffTimeout: 15\n", ""));
    const { code, stderr } = await sevbot(dir, ["validate", join(ROOT, "config/default.yml")]);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `sevbot: sevbot's built-in defaults ${join(dir, "config/default.yml")} have no \`escalation.handoffTimeout\`.`,
    );
  });
});
