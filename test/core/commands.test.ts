import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/core/commands/parse.js";
import { renderHelp } from "../../src/core/render/commands.js";

const names = (body: string) => parseCommands(body).map((command) => command.name);

describe("parseCommands", () => {
  it.each([
    ["/ack", ["ack"]],
    ["/ACK", ["ack"]],
    ["  /Ack  ", ["ack"]],
    ["/ack\n/lead @kim\n/status all good", ["ack", "lead", "status"]],
    ["> /ack", []],
    ["> quoted\n/ack", ["ack"]],
    ["```\n/ack\n```", []],
    ["~~~\n/resolve\n~~~\n/ack", ["ack"]],
    ["```bash\n/ack\n````\n/help", ["help"]],
    ["    /ack", []],
    ["please /ack this", []],
    ["/api/checkout is failing", []],
    ["/frobnicate", ["unknown"]],
    ["/ack\n/nope", ["ack", "unknown"]],
    ["/sevbot ack\n/SEVBOT status rolling back", ["ack", "status"]],
    ["/sevbot", ["unknown"]],
  ])("%j → %j", (body, expected) => {
    expect(names(body)).toEqual(expected);
  });

  it("reads arguments", () => {
    expect(parseCommands("/lead @kim")[0]).toMatchObject({ name: "lead", user: "kim" });
    expect(parseCommands("/lead")[0]).toEqual({ name: "lead", line: "/lead" });
    expect(parseCommands("/handoff kim-2")[0]).toMatchObject({ user: "kim-2" });
    expect(parseCommands("/sev 2")[0]).toMatchObject({ severity: 2 });
    expect(parseCommands("/sevbot resolve root cause unknown")[0]).toMatchObject({
      name: "resolve",
      rootCause: { known: false },
    });
    expect(parseCommands("/sev SEV-1")[0]).toMatchObject({ severity: 1 });
    expect(parseCommands("/sev 9")[0]).not.toHaveProperty("severity");
    expect(parseCommands("/timeline 14:05 DB failover started")[0]).toMatchObject({
      time: "14:05",
      text: "DB failover started",
    });
    expect(parseCommands("/timeline rollback done")[0]).toMatchObject({ text: "rollback done" });
    expect(parseCommands("/resolve root cause unknown")[0]).toMatchObject({
      rootCause: { known: false },
    });
    expect(parseCommands("/resolve Root Cause: expired TLS cert")[0]).toMatchObject({
      rootCause: { known: true, text: "expired TLS cert" },
    });
    expect(parseCommands("/resolve")[0]).not.toHaveProperty("rootCause");
    expect(parseCommands("/decide feature flag off")[0]).toMatchObject({
      option: "feature flag off",
    });
  });
});

describe("help on each platform", () => {
  it("GitLab's help writes every command with `/sevbot`, which GitLab's quick actions leave alone", () => {
    const help = renderHelp(["frobnicate"], "gitlab");
    expect(help).toContain("sevbot does not know `/frobnicate`");
    expect(help).toContain("- `/sevbot ack`:");
    expect(help).toContain("`/sevbot resolve root cause: <text>`");
    expect(help).not.toMatch(/`\/ack`/);
    expect(renderHelp([], "github")).toContain("- `/ack`:");
    expect(renderHelp([], "github")).not.toContain("/sevbot");
  });
});
