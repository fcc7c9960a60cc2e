import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run.js";

afterEach(() => vi.restoreAllMocks());

describe("sevbot help", () => {
  it("shows the GitLab forms of init, drill, report and demo", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    expect(await runCli(["help"], {})).toBe(0);
    const usage = lines.join("\n");
    expect(usage).toContain("sevbot init <group/project> --gitlab URL [--token T] [--write DIR]");
    expect(usage).toContain("sevbot drill [file] --repo group/project --gitlab URL --token T");
    expect(usage).toContain(
      "sevbot report <group/project> --gitlab URL [--token T] [--since 90d] [--html file]",
    );
    expect(usage).toMatch(/sevbot (demo|drill) \[file\] \[--platform github\|gitlab\]/);
    expect(usage).toContain("GITLAB_TOKEN");
  });

  it("an unknown --platform is a usage error, not a crash", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
    expect(await runCli(["demo", "--platform", "bitbucket"], {})).toBe(1);
    expect(errors[0]).toMatch(/--platform must be github or gitlab/);
  });
});
