import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { loadNamedScenario } from "../../src/scenario/load.js";

afterEach(() => vi.restoreAllMocks());

/** Runs the CLI as `main.ts` does, collecting what it prints. */
async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(String(line)));
  vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(String(line)));
  vi.spyOn(console, "warn").mockImplementation((line: string) => void err.push(String(line)));
  const code = await runCli(args, env);
  vi.restoreAllMocks();
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The subcommands the main usage lists: a command added there is covered here too. */
async function listedCommands(): Promise<string[]> {
  const { out } = await cli(["help"]);
  return [...new Set([...out.matchAll(/^ {2}sevbot (\w+)/gm)].map((match) => match[1]!))];
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A forge that answers every request with `status`. */
async function answering(status: number): Promise<string> {
  server = createServer((_request, response) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify({ message: status === 401 ? "Bad credentials" : "Nope" }));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe("every subcommand answers --help", () => {
  it("lists them all", async () => {
    expect(await listedCommands()).toEqual([
      "serve",
      "demo",
      "simulate",
      "init",
      "tick",
      "drill",
      "report",
      "validate",
      "schema",
      "help",
    ]);
  });

  it("--help and -h print the command's own usage and exit 0, doing nothing else", async () => {
    for (const command of await listedCommands()) {
      for (const flag of ["--help", "-h"]) {
        const { code, out, err } = await cli([command, flag]);
        expect(code, `${command} ${flag}`).toBe(0);
        expect(err, `${command} ${flag}`).toBe("");
        if (command !== "help") expect(out).toMatch(new RegExp(`^Usage: sevbot ${command}\\b`));
      }
    }
  });

  it("`sevbot help <command>` is the same text", async () => {
    expect((await cli(["help", "report"])).out).toBe((await cli(["report", "--help"])).out);
  });
});

describe("no stack trace reaches a user", () => {
  it("init without a reachable GitHub: one line naming the host and the flag that changes it", async () => {
    const port = await closedPort();
    const { code, out, err } = await cli([
      "init",
      "acme/shop",
      "--api",
      `http://127.0.0.1:${port}`,
    ]);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toMatch(
      new RegExp(
        `^sevbot init: cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\).*--api URL`,
      ),
    );
  });

  it("report without a reachable GitLab names the host and --gitlab URL", async () => {
    const port = await closedPort();
    const { code, err } = await cli(
      ["report", "acme/shop", "--gitlab", `http://127.0.0.1:${port}`],
      { GITLAB_TOKEN: "t" },
    );
    expect(code).toBe(1);
    expect(err).toMatch(
      new RegExp(`^sevbot report: cannot reach 127\\.0\\.0\\.1:${port} .*--gitlab URL`),
    );
    noStackTrace(err);
  });

  it("tick and a drill on a repository without a reachable GitHub say the same", async () => {
    const port = await closedPort();
    const api = `http://127.0.0.1:${port}`;
    const tick = await cli(["tick", "acme/shop", "--token", "t", "--api", api]);
    expect(tick.code).toBe(1);
    expect(tick.err).toMatch(
      new RegExp(
        `^error: acme/shop: cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\).*--api URL`,
      ),
    );
    const drill = await cli(["drill", "--repo", "acme/shop", "--token", "t", "--api", api]);
    expect(drill.code).toBe(1);
    expect(drill.err).toMatch(
      new RegExp(
        `^sevbot drill: a drill step failed: cannot reach 127\\.0\\.0\\.1:${port} .*--api URL`,
      ),
    );
    noStackTrace(tick.err + drill.err);
  });

  it("a refused token says where to put one", async () => {
    const api = await answering(401);
    const { code, err } = await cli(["init", "acme/shop", "--api", api]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /^sevbot init: 127\.0\.0\.1:\d+ refused the token \(401 .*\): pass --token T or set GITHUB_TOKEN\.$/,
    );
  });

  it("an unexpected failure is one line too", async () => {
    const { code, err } = await cli(["demo", "/nonexistent/scenario.yml"]);
    expect(code).toBe(1);
    expect(err).toMatch(/^sevbot demo: .*nonexistent\/scenario\.yml/);
    expect(err.split("\n")).toHaveLength(1);
  });

  it("simulate with an unknown timezone prints the config error and the plan, no stack trace", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "sevbot-")), "sevbot.yml");
    writeFileSync(
      file,
      "oncall: [kim]\nrotations:\n  - { name: emea, members: [ana], timezone: Europe/Pariss }\n",
    );
    const { code, out, err } = await cli([
      "simulate",
      "--config",
      file,
      "--at",
      "2026-11-22T14:00:00Z",
    ]);
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toContain("`rotations.0.timezone`: must be an IANA timezone");
    expect(out).toContain("On call now: no rotation configured");
    expect(out).toContain("on-call kim");
  });

  it("simulate refuses a time it cannot read and a --config file that is not there", async () => {
    expect((await cli(["simulate", "--at", "tomorrow"])).code).toBe(2);
    const missing = await cli(["simulate", "--config", "/nonexistent/sevbot.yml"]);
    expect(missing).toMatchObject({
      code: 2,
      out: expect.stringMatching(/^Cannot read \/nonexistent/),
    });
  });
});

describe("a repository name that is not one", () => {
  it("tick says what is wrong before its usage; init says a --config it cannot read", async () => {
    const tick = await cli(["tick", "acme"]);
    expect(tick.code).toBe(2);
    expect(tick.err.split("\n")[0]).toBe('sevbot tick: "acme" is not owner/repo.');
    expect(tick.err).toContain("Usage: sevbot tick");
    const nameless = await cli(["tick", "--gitlab", "https://gitlab.example"]);
    expect(nameless.err.split("\n")[0]).toBe("sevbot tick: name the project, as group/project.");
    const init = await cli(["init", "acme/shop", "--config", "/nonexistent/sevbot.yml"]);
    expect(init).toMatchObject({
      code: 1,
      err: "sevbot init: cannot read --config /nonexistent/sevbot.yml: no such file.",
    });
  });
});

describe("a scenario the command line names", () => {
  it.each(["demo", "drill"])(
    "%s: a missing file says which scenarios ship, with a guess",
    async (verb) => {
      const missing = await cli([verb, "nope.yml"]);
      expect(missing.code).toBe(1);
      expect(missing.err).toBe(
        `sevbot ${verb}: no scenario file nope.yml; shipped with sevbot, by name: ` +
          "sev1-checkout-outage, sev1-pagerduty-ack",
      );
      const typo = await cli([verb, "sev1-checkout-outge"]);
      expect(typo.err).toContain(
        "no scenario file sev1-checkout-outge (did you mean sev1-checkout-outage?)",
      );
    },
  );

  it("a shipped scenario is found by its name, wherever sevbot runs from", () => {
    expect(loadNamedScenario("sev1-checkout-outage").name).toBe("Checkout outage");
    expect(loadNamedScenario("sev1-pagerduty-ack.yml").steps.length).toBeGreaterThan(0);
  });
});

describe("verbs that take no arguments refuse them rather than ignore them", () => {
  it.each([
    ["serve", ["--port", "8080"], "settings come from the environment"],
    ["schema", ["extra"], "it prints the schema as JSON"],
  ])("sevbot %s %s exits 2 with its usage and starts nothing", async (verb, args, why) => {
    const { code, out, err } = await cli([verb, ...args]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(`sevbot ${verb} takes no arguments (${why}); got ${args.join(" ")}.`);
    expect(err).toContain(`Usage: sevbot ${verb}`);
  });
});

describe("an option a verb does not take is refused with a guess, not ignored", () => {
  it.each([
    ["demo", "--platfrom", "did you mean --platform?"],
    ["simulate", "--severty", "did you mean --severity?"],
    ["report", "--snce", "did you mean --since?"],
    ["tick", "--tokne", "did you mean --token?"],
    ["init", "--writ", "did you mean --write?"],
    ["drill", "--xyz", "options: --platform, --repo, --token, --api, --gitlab, --settle."],
  ])("sevbot %s %s exits 2 and runs nothing", async (verb, option, says) => {
    const { code, out, err } = await cli([verb, "acme/shop", option, "x"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(`sevbot ${verb}: unknown option ${option}`);
    expect(err).toContain(says);
    expect(err).toContain(`Usage: sevbot ${verb}`);
  });
});
