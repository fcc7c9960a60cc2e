import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import yaml from "js-yaml";
import { runInit } from "../../src/cli/init.js";
import { githubWebUrl } from "../../src/cli/starter-files.js";
import {
  GITLAB_SANDBOX_TOKEN,
  startSandbox,
  type Sandbox,
  type SandboxPlatform,
} from "../../src/sandbox/index.js";

/** A file of this repository, as shipped. */
const ownFile = (path: string) => new URL(`../../${path}`, import.meta.url);

let sandbox: Sandbox | undefined;
afterEach(async () => sandbox?.close());

/** The flags that point `sevbot init` at the sandbox's face for the platform. */
function targetFlags(sandbox: Sandbox): string[] {
  return sandbox.platform === "gitlab"
    ? ["--gitlab", sandbox.url, "--token", GITLAB_SANDBOX_TOKEN]
    : ["--api", sandbox.apiUrl, "--token", "t"];
}

const writes = () => sandbox!.requests.filter((request) => request.write);

describe.each<SandboxPlatform>(["github", "gitlab"])(
  "sevbot init against the %s sandbox",
  (platform) => {
    it("creates the labels in their colours, fixes a grey one; the second run makes no writes", async () => {
      sandbox = await startSandbox({ webhookSecret: "s", platform });
      sandbox.createRepo("acme/shop");
      // A label someone made before sevbot: the platform's default grey, to be updated.
      await sandbox.openIssue("acme/shop", {
        as: "kim",
        title: "Old outage",
        labels: ["severity::1"],
      });
      const out: string[] = [];
      const args = ["acme/shop", ...targetFlags(sandbox)];
      expect(await runInit(args, {}, (line) => out.push(line))).toBe(0);
      expect(out.at(-1)).toMatch(/: \d+ label\(s\) created, 1 updated/);
      const writesAfterFirst = writes().length;
      expect(writesAfterFirst).toBeGreaterThan(15);
      const colours = new Map(
        sandbox.labels("acme/shop").map((label) => [label.name, label.color]),
      );
      expect(colours.get("severity::1")).toBe("b60205");
      expect(colours.get("incident-log")).toBe("5319e7");
      expect(await runInit(args, {}, (line) => out.push(line))).toBe(0);
      expect(writes().length).toBe(writesAfterFirst);
      expect(out.at(-1)).toMatch(/0 label\(s\) created, 0 updated/);
      expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
    });

    it("refuses a malformed repository name", async () => {
      const out: string[] = [];
      const err: string[] = [];
      expect(
        await runInit(
          ["not-a-repo", ...(platform === "gitlab" ? ["--gitlab", "https://gitlab.example"] : [])],
          {},
          (line) => out.push(line),
          (line) => err.push(line),
        ),
      ).toBe(2);
      expect(out[0]).toMatch(/^Usage: sevbot init/);
      const wanted = platform === "gitlab" ? "group/project" : "owner/repo";
      expect(err).toEqual([`sevbot init: "not-a-repo" is not ${wanted}.`]);
    });
  },
);

describe("sevbot init on GitLab", () => {
  it("sends colours as #rrggbb, addresses labels by name, and takes the URL and token from the environment", async () => {
    sandbox = await startSandbox({ webhookSecret: "s", platform: "gitlab" });
    sandbox.createRepo("acme/platform/shop");
    await sandbox.openIssue("acme/platform/shop", {
      as: "kim",
      title: "Old outage",
      labels: ["severity::2"],
    });
    expect(
      await runInit(
        ["acme/platform/shop", "--gitlab"],
        { GITLAB_URL: sandbox.url, GITLAB_TOKEN: GITLAB_SANDBOX_TOKEN },
        () => undefined,
      ),
    ).toBe(0);
    const created = writes().filter((request) => request.method === "POST");
    expect(created.every((request) => /"color":"#[0-9a-f]{6}"/.test(request.body ?? ""))).toBe(
      true,
    );
    expect(
      writes()
        .filter((request) => request.method === "PUT")
        .map((request) => request.path),
    ).toEqual(["/projects/acme%2Fplatform%2Fshop/labels/severity%3A%3A2"]);
    expect(
      sandbox.requests.every((request) =>
        request.path.startsWith("/projects/acme%2Fplatform%2Fshop/labels"),
      ),
    ).toBe(true);
    expect(sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });

  it("without a token says where to put one", async () => {
    await expect(
      runInit(["acme/shop", "--gitlab", "https://gitlab.example"], {}, () => undefined),
    ).rejects.toThrow(/--token or set GITLAB_TOKEN/);
  });
});

describe("sevbot init --write", () => {
  it("installs the repository's own issue templates and a starter config, once", async () => {
    sandbox = await startSandbox({ webhookSecret: "s" });
    sandbox.createRepo("acme/shop");
    const dir = mkdtempSync(join(tmpdir(), "sevbot-init-"));
    const args = ["acme/shop", "--api", sandbox.apiUrl, "--write", dir];
    const out: string[] = [];
    await runInit(args, {}, (line) => out.push(line));
    const templates = [
      ".github/ISSUE_TEMPLATE/incident.yml",
      ".github/ISSUE_TEMPLATE/security-report.yml",
      ".gitlab/issue_templates/Incident.md",
      ".gitlab/issue_templates/Security report.md",
    ];
    for (const file of templates) {
      expect(out, file).toContain(`wrote ${file}`);
      expect(readFileSync(join(dir, file), "utf8"), file).toBe(readFileSync(ownFile(file), "utf8"));
    }
    expect(readFileSync(join(dir, ".github/sevbot.yml"), "utf8")).toContain(
      "config/sevbot.schema.json",
    );
    const second: string[] = [];
    await runInit(args, {}, (line) => second.push(line));
    expect(second.filter((line) => line.startsWith("wrote"))).toEqual([]);
    expect(second).toContain("kept .github/sevbot.yml (already there)");
  });

  it("links the template chooser to the repository's private vulnerability reporting", async () => {
    sandbox = await startSandbox({ webhookSecret: "s" });
    sandbox.createRepo("acme/shop");
    const dir = mkdtempSync(join(tmpdir(), "sevbot-init-"));
    await runInit(["acme/shop", "--api", sandbox.apiUrl, "--write", dir], {}, () => undefined);
    const chooser = yaml.load(
      readFileSync(join(dir, ".github/ISSUE_TEMPLATE/config.yml"), "utf8"),
    ) as { contact_links: Array<{ url: string }> };
    expect(chooser.contact_links.map((link) => link.url)).toEqual([
      `${sandbox.url}/acme/shop/security/advisories/new`,
    ]);
    // The shipped file is the same apart from that link.
    const shipped = readFileSync(ownFile(".github/ISSUE_TEMPLATE/config.yml"), "utf8");
    expect(shipped.replace("https://github.com/OWNER/REPO/", `${sandbox.url}/acme/shop/`)).toBe(
      readFileSync(join(dir, ".github/ISSUE_TEMPLATE/config.yml"), "utf8"),
    );
  });

  it("adds the workflow that runs sevbot as a GitHub Action, and leaves an edited one alone", async () => {
    sandbox = await startSandbox({ webhookSecret: "s" });
    sandbox.createRepo("acme/shop");
    const dir = mkdtempSync(join(tmpdir(), "sevbot-init-"));
    const workflow = join(dir, ".github/workflows/sevbot.yml");
    await runInit(["acme/shop", "--api", sandbox.apiUrl, "--write", dir], {}, () => undefined);
    const written = readFileSync(workflow, "utf8");
    expect(written).toBe(
      readFileSync(new URL("../../.github/workflows/sevbot.yml", import.meta.url), "utf8"),
    );
    expect(written).toContain("uses: sevbot/sevbot@v1");
    expect(written).toMatch(/permissions:\n\s+issues: write/);
    writeFileSync(workflow, "# ours\n");
    await runInit(["acme/shop", "--api", sandbox.apiUrl, "--write", dir], {}, () => undefined);
    expect(readFileSync(workflow, "utf8")).toBe("# ours\n");
  });

  it("names GitHub's web address for api.github.com and for GitHub Enterprise", () => {
    expect(githubWebUrl("https://api.github.com")).toBe("https://github.com");
    expect(githubWebUrl("https://ghe.example.com/api/v3")).toBe("https://ghe.example.com");
    expect(githubWebUrl("https://ghe.example.com/api/v3/")).toBe("https://ghe.example.com");
  });

  it("with --gitlab writes .gitlab/sevbot.yml and the GitLab templates, nothing under .github/", async () => {
    sandbox = await startSandbox({ webhookSecret: "s", platform: "gitlab" });
    sandbox.createRepo("acme/shop");
    const dir = mkdtempSync(join(tmpdir(), "sevbot-init-"));
    const out: string[] = [];
    await runInit(
      ["acme/shop", "--gitlab", sandbox.url, "--token", GITLAB_SANDBOX_TOKEN, "--write", dir],
      {},
      (line) => out.push(line),
    );
    for (const file of [
      ".gitlab/issue_templates/Incident.md",
      ".gitlab/issue_templates/Security report.md",
      ".gitlab/sevbot.yml",
    ])
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(existsSync(join(dir, ".github"))).toBe(false);
    expect(readFileSync(join(dir, ".gitlab/issue_templates/Security report.md"), "utf8")).toBe(
      readFileSync(ownFile(".gitlab/issue_templates/Security report.md"), "utf8"),
    );
    expect(out).toContain("wrote .gitlab/sevbot.yml");
  });
});

describe("sevbot init --config", () => {
  it("says what is wrong with the file and creates the labels of what is valid in it", async () => {
    sandbox = await startSandbox({ webhookSecret: "s" });
    sandbox.createRepo("acme/shop");
    const file = join(mkdtempSync(join(tmpdir(), "sevbot-init-")), "sevbot.yml");
    writeFileSync(file, "tracker:\n  logLabel: sev-log\nseverity:\n  incidents: [5]\n");
    const err: string[] = [];
    const code = await runInit(
      ["acme/shop", "--api", sandbox.apiUrl, "--config", file],
      {},
      () => undefined,
      (line) => err.push(line),
    );
    expect(code).toBe(0);
    expect(err.join("\n")).toContain("`severity.incidents.0`: must be 1, 2, 3 or 4");
    expect(sandbox.labels("acme/shop").map((label) => label.name)).toContain("sev-log");
  });
});
