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
    expect(help).toContain("sevbot does not know `/sevbot frobnicate`");
    expect(help).toContain("- `/sevbot ack`:");
    expect(help).toContain("`/sevbot resolve root cause: <text>`");
    expect(help).not.toMatch(/`\/ack`/);
    expect(renderHelp([], "github")).toContain("- `/ack`:");
    expect(renderHelp([], "github")).not.toContain("/sevbot");
  });
});

describe("/resolve: free text is the summary; the root cause only when stated", () => {
  const resolve = (body: string) => {
    const { name: _name, line: _line, ...rest } = parseCommands(body)[0] as Record<string, unknown>;
    return rest;
  };

  it.each([
    ["/resolve rolled back the deploy", { summary: "rolled back the deploy" }],
    ["/resolve", {}],
    ["/resolve root cause:", { emptyRootCause: true }],
    ["/resolve root cause:   ", { emptyRootCause: true }],
    [
      "/resolve root cause: expired TLS cert",
      { rootCause: { known: true, text: "expired TLS cert" } },
    ],
    ["/resolve root cause unknown", { rootCause: { known: false } }],
    ["/resolve root cause: unknown", { rootCause: { known: false } }],
    ["/resolve unknown", { rootCause: { known: false } }],
    [
      "/resolve rolled back the deploy; root cause: a bad config push",
      { summary: "rolled back the deploy", rootCause: { known: true, text: "a bad config push" } },
    ],
    [
      "/resolve rolled back. Root cause unknown",
      { summary: "rolled back", rootCause: { known: false } },
    ],
    [
      "/resolve rolled back the root cause of our pain",
      { summary: "rolled back the root cause of our pain" },
    ],
    [
      "/resolve rolled back the deploy\nroot cause: a bad config push",
      { summary: "rolled back the deploy", rootCause: { known: true, text: "a bad config push" } },
    ],
    [
      "/resolve rolled back\n\nWe looked hard.\nRoot cause: cert expired",
      { summary: "rolled back", rootCause: { known: true, text: "cert expired" } },
    ],
    ["/resolve rolled back\nroot cause:", { summary: "rolled back", emptyRootCause: true }],
  ])("%j", (body, expected) => {
    expect(resolve(body)).toEqual(expected);
  });

  it("a root-cause line after another command is not taken for the /resolve", () => {
    const [resolve, status] = parseCommands("/resolve rolled back\n/status done\nroot cause: x");
    expect(resolve).not.toHaveProperty("rootCause");
    expect(status).toMatchObject({ name: "status", text: "done" });
  });
});

describe("/timeline times", () => {
  it.each([
    ["/timeline 14:05 failover", { time: "14:05", text: "failover" }],
    ["/timeline 9:05Z failover", { time: "9:05Z", text: "failover" }],
    ["/timeline 23:59 UTC failover", { time: "23:59 UTC", text: "failover" }],
    ["/timeline 2026-11-22T14:05Z failover", { time: "2026-11-22T14:05Z", text: "failover" }],
    ["/timeline 25:99 failover", { badTime: "25:99", text: "failover" }],
    ["/timeline 14:60 failover", { badTime: "14:60", text: "failover" }],
    ["/timeline 2026-02-30T14:05Z failover", { badTime: "2026-02-30T14:05Z", text: "failover" }],
    ["/timeline 2026-11-22 14:05 failover", { badTime: "2026-11-22", text: "14:05 failover" }],
    ["/timeline 5-minute outage began", { text: "5-minute outage began" }],
  ])("%j", (body, expected) => {
    const { name: _name, line: _line, ...rest } = parseCommands(body)[0] as Record<string, unknown>;
    expect(rest).toEqual(expected);
  });
});
