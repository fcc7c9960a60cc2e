import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

interface Workflow {
  jobs: Record<string, { container?: string; steps: Array<{ run?: string; uses?: string }> }>;
}

describe(".github/workflows/ci.yml", () => {
  const workflow = yaml.load(read(".github/workflows/ci.yml")) as Workflow;
  const job = workflow.jobs.test!;

  it("runs the project's CI script after checking out the code", () => {
    expect(job.steps.map((step) => step.uses ?? step.run)).toEqual([
      "actions/checkout@v4",
      ".ci/run",
    ]);
    expect(read(".ci/run")).toMatch(/npm ci[\s\S]*chromium[\s\S]*redis-server[\s\S]*npm test/);
  });

  it("uses the Node major version package.json requires", () => {
    const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines;
    const required = /^>=(\d+)\./.exec(engines.node)?.[1];
    expect(job.container).toBe(`node:${required}-bookworm`);
  });
});
