import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForQuiet } from "../../src/scenario/settle.js";
import { startStack, type Stack } from "./harness.js";

const BROKEN_YAML = "oncall: [lee\ncomponents:\n  fallbackOwners: [kim]\n";
const BAD_TIMEZONE =
  "oncall: [lee]\nrotations:\n  - name: emea\n    members: [ana]\n    timezone: Europe/Pariss\n    startDate: 2026-01-05\n";
const UNQUOTED_DATES =
  "oncall: [lee]\nrotations:\n  - { name: emea, members: [ana], timezone: Europe/Paris, handoffTime: 09:00, startDate: 2026-01-05,\n      overrides: [{ user: ana, from: 2026-12-24, to: 2026-12-26 }] }\n";

/**
 * The built server against the sandbox, as a user would meet it: a Sev-1 in a repository whose
 * config is broken is declared within seconds, says what is wrong once, and `/ack` works.
 */
describe.each(["github", "gitlab"] as const)("a broken config on %s", (platform) => {
  let stack: Stack;
  const file = platform === "gitlab" ? ".gitlab/sevbot.yml" : ".github/sevbot.yml";
  const ack = platform === "gitlab" ? "/sevbot ack" : "/ack";
  const declaredIn: Record<string, number> = {};

  async function sev1(repo: string, config: string): Promise<void> {
    stack.sandbox.createRepo(repo, {
      collaborators: { dana: "write", lee: "write" },
      files: { [file]: config },
    });
    const started = Date.now();
    const number = await stack.sandbox.openIssue(repo, {
      as: "dana",
      title: "Checkout is down",
      labels: ["severity::1"],
    });
    await waitForQuiet(stack.sandbox, 300);
    declaredIn[repo] = Date.now() - started;
    await stack.sandbox.comment(repo, number, ack, { as: "lee" });
    await waitForQuiet(stack.sandbox, 300);
  }

  const bodies = (repo: string) =>
    stack.sandbox.comments(repo, 1).map((comment) => comment.body ?? "");
  const labels = (repo: string) => stack.sandbox.issue(repo, 1).labels.map((label) => label.name);

  beforeAll(async () => {
    stack = await startStack(platform === "gitlab" ? { platform } : {});
    await sev1("acme/yaml", BROKEN_YAML);
    await sev1("acme/timezone", BAD_TIMEZONE);
    await sev1("acme/dates", UNQUOTED_DATES);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("invalid YAML: declared at once on the defaults, one comment with the line and column, /ack works", () => {
    expect(declaredIn["acme/yaml"]).toBeLessThan(10_000);
    const errors = bodies("acme/yaml").filter((body) => body.startsWith("Invalid config in"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(
        `^Invalid config in ${file.replace(/[./]/g, "\\$&")}:\\n- \\(YAML\\) line 2, column \\d+: `,
      ),
    );
    expect(bodies("acme/yaml").filter((body) => body.includes("sevbot:checklist"))).toHaveLength(1);
    expect(labels("acme/yaml")).toContain("incident::acknowledged");
  });

  it("an unknown timezone: declared with the rest of the config (the on-call is mentioned), /ack works", () => {
    const all = bodies("acme/timezone");
    const errors = all.filter((body) => body.startsWith("Invalid config in"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("`rotations.0.timezone`: must be an IANA timezone");
    expect(all.find((body) => body.includes("sevbot:checklist"))).toContain("@lee");
    expect(labels("acme/timezone")).toContain("incident::acknowledged");
  });

  it("unquoted dates and times are a valid config, as the README writes them", () => {
    expect(bodies("acme/dates").filter((body) => body.startsWith("Invalid config"))).toEqual([]);
    expect(labels("acme/dates")).toContain("incident::acknowledged");
  });

  it("every request sevbot sent is one the platform's API description allows", () => {
    expect(stack.sandbox.requests.filter((request) => !request.valid)).toEqual([]);
  });
});
