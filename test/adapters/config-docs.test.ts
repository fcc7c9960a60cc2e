import { readdirSync, readFileSync } from "node:fs";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { loadGithubConfig } from "../../src/adapters/github/config-source.js";
import type { GithubOctokit } from "../../src/adapters/github/forge.js";
import { createConfigCache } from "../../src/app/config-cache.js";
import { parseConfigText, type LoadedConfig } from "../../src/config/load.js";

const ROOT = new URL("../../", import.meta.url);
/** Put this comment on the line before a YAML block that is deliberately not a whole config. */
const NOT_A_CONFIG = "<!-- sevbot: not a config -->";

/** Every ```yaml block of README.md and docs/*.md, with where it starts. */
function yamlBlocks(): Array<{ where: string; text: string }> {
  const files = [
    "README.md",
    ...readdirSync(new URL("docs/", ROOT))
      .filter((name) => name.endsWith(".md"))
      .map((name) => `docs/${name}`),
  ];
  return files.flatMap((file) => {
    const lines = readFileSync(new URL(file, ROOT), "utf8").split("\n");
    const blocks: Array<{ where: string; text: string }> = [];
    lines.forEach((line, index) => {
      if (!/^```ya?ml\s*$/.test(line) || lines[index - 1]?.trim() === NOT_A_CONFIG) return;
      const end = lines.indexOf("```", index + 1);
      blocks.push({ where: `${file}:${index + 1}`, text: lines.slice(index + 1, end).join("\n") });
    });
    return blocks;
  });
}

/** Probot's own config loader (the one GitHub uses, `_extends` and all) serving `text`. */
async function throughProbot(text: string): Promise<LoadedConfig> {
  const octokit = new ProbotOctokit({
    throttle: { enabled: false },
    retry: { enabled: false },
    request: {
      fetch: async () =>
        new Response(text, {
          status: 200,
          headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
        }),
    },
  });
  return loadGithubConfig(
    octokit as unknown as GithubOctokit,
    "acme/shop",
    createConfigCache(0),
    0,
  );
}

const blocks = yamlBlocks();

/** The config files shipped with sevbot: its defaults and the examples. */
const shippedFiles = [
  "config/default.yml",
  ...readdirSync(new URL("config/examples/", ROOT))
    .filter((name) => name.endsWith(".yml"))
    .map((name) => `config/examples/${name}`),
].map((file) => [file, readFileSync(new URL(file, ROOT), "utf8")]);

describe("the config examples in the documentation", () => {
  it("the README's example config is among them", () => {
    expect(blocks.some((block) => block.text.includes("rotations:"))).toBe(true);
  });

  it.each(blocks.map((block) => [block.where, block.text]))(
    "%s is valid, and validate, GitLab and GitHub (Probot's loader) read it identically",
    async (_where, text) => {
      const here = parseConfigText(text, ".github/sevbot.yml");
      expect(here.error).toBeUndefined();
      expect(await throughProbot(text)).toEqual(here);
    },
  );
});

describe("the config files shipped with sevbot", () => {
  it.each(shippedFiles)(
    "%s is valid, and validate, GitLab and GitHub (Probot's loader) read it identically",
    async (_file, text) => {
      const here = parseConfigText(text, ".github/sevbot.yml");
      expect(here.error).toBeUndefined();
      expect(await throughProbot(text)).toEqual(here);
    },
  );
});

describe("validate, GitLab and GitHub read any file identically", () => {
  it.each([
    ["unquoted dates", "rotations:\n  - { name: a, members: [kim], startDate: 2026-01-05 }\n"],
    ["times", "rotations:\n  - { name: a, members: [kim], handoffTime: 09:00 }\n"],
    ["yes/no are text in YAML 1.2", "oncall: [yes]\n"],
    ["a bad timezone", "rotations:\n  - { name: a, members: [kim], timezone: Europe/Pariss }\n"],
    ["an impossible date", "rotations:\n  - { name: a, members: [kim], startDate: 2026-02-30 }\n"],
    ["a bad user name", "oncall: ['not a name!']\n"],
    ["a bad severity", "severity: { incidents: [5] }\n"],
  ])("%s", async (_name, text) => {
    expect(await throughProbot(text)).toEqual(parseConfigText(text, ".github/sevbot.yml"));
  });
});
