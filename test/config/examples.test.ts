import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/validate.js";
import { parseConfigText } from "../../src/config/load.js";
import type { SevbotConfig } from "../../src/config/schema.js";
import type { Action } from "../../src/core/actions.js";
import { decide } from "../../src/core/decide.js";
import { desiredLabels } from "../../src/core/labels.js";
import { nextResponder, onCallNow, rotationFor } from "../../src/core/oncall.js";
import { issue, NOW, ref } from "../helpers/builders.js";

const EXAMPLES = fileURLToPath(new URL("../../config/examples/", import.meta.url));
const FILES = readdirSync(EXAMPLES).filter((name) => name.endsWith(".yml"));

function example(name: string): SevbotConfig {
  const { config, error } = parseConfigText(readFileSync(join(EXAMPLES, name), "utf8"), name);
  expect(error).toBeUndefined();
  return config;
}

/** A Sev-1 declared by a label on an issue with `labels`; the actions sevbot decides on. */
function declare(config: SevbotConfig, label: string, labels: string[], platform = "github") {
  const source = { ...ref(), platform: platform as "github" | "gitlab" };
  const event = {
    kind: "issue-labeled" as const,
    issue: issue({ ref: source, labels }),
    actor: { login: "dana", isBot: false },
    label,
  };
  const { incident, actions } = decide(undefined, event, config, NOW);
  const find = <K extends Action["kind"]>(kind: K, key: string) =>
    actions.find((action) => action.kind === kind && action.key === key) as Extract<
      Action,
      { kind: K }
    >;
  return {
    incident: incident!,
    log: find("create-log-issue", "log"),
    checklist: find("comment", "checklist"),
  };
}

describe("config/examples", () => {
  it("holds the four examples the README lists", () => {
    expect(FILES.sort()).toEqual([
      "follow-the-sun.yml",
      "gitlab.yml",
      "security-team.yml",
      "separate-tracker.yml",
    ]);
  });

  it.each(FILES)("%s passes `sevbot validate`", (name) => {
    const errors: string[] = [];
    const file = join(EXAMPLES, name);
    expect(
      runValidate(
        [file],
        () => undefined,
        (line) => errors.push(line),
      ),
    ).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("follow-the-sun.yml", () => {
  const config = example("follow-the-sun.yml");
  const [americas, emea] = config.rotations;

  it("hands an incident to the region whose working day has begun, else to SecOps", () => {
    // Tuesday 17:30 UTC: 18:30 in Paris (EMEA's day is over), 12:30 in New York.
    const evening = new Date("2026-11-24T17:30:00Z");
    const emeaLead = onCallNow(emea!, evening).user!;
    expect(nextResponder(config, emeaLead, evening)).toMatchObject({
      rotation: "americas",
      user: onCallNow(americas!, evening).user,
    });
    // Wednesday 00:30 UTC: 19:30 in New York, 01:30 in Paris, 09:30 in Tokyo.
    const night = new Date("2026-11-25T00:30:00Z");
    expect(nextResponder(config, "ana", night)).toMatchObject({ rotation: "apac" });
    // Saturday: no region is at work.
    const saturday = new Date("2026-11-28T12:00:00Z");
    expect(nextResponder(config, "ana", saturday)?.user).toBe("secops-oncall");
  });

  it("sends payments to EMEA, where the Christmas cover and the summer leave apply", () => {
    expect(rotationFor(config, ["payments"])?.name).toBe("emea");
    expect(rotationFor(config, ["search"])?.name).toBe("americas");
    expect(onCallNow(emea!, new Date("2026-12-25T10:00:00Z")).user).toBe("fay");
    for (let day = 3; day <= 21; day++) {
      const date = new Date(`2026-08-${String(day).padStart(2, "0")}T12:00:00Z`);
      expect(onCallNow(emea!, date).user, date.toISOString()).not.toBe("eli");
    }
  });
});

describe("security-team.yml", () => {
  const config = example("security-team.yml");

  it("a priority::1 vulnerability is a confidential security incident engaging owners and AppSec", () => {
    const labels = ["priority::1", "vulnerability", "component::auth"];
    const { incident, checklist } = declare(config, "priority::1", labels);
    expect(incident).toMatchObject({ severity: 1, security: true, confidential: true });
    for (const person of ["auth-em", "auth-pm", "appsec-oncall", "appsec-team"])
      expect(checklist.body).toContain(`@${person}`);
  });
});

describe("separate-tracker.yml", () => {
  it("logs every incident in acme/incidents", () => {
    const { log } = declare(example("separate-tracker.yml"), "severity::1", ["severity::1"]);
    expect(log.repo).toBe("acme/incidents");
    expect(log.labels).toEqual(["incident-log"]);
  });
});

describe("gitlab.yml", () => {
  const config = example("gitlab.yml");

  it("logs a GitLab incident in the subgroup's tracker project, mentioning the owners", () => {
    const labels = ["priority::1", "component::api"];
    const { incident, log, checklist } = declare(config, "priority::1", labels, "gitlab");
    expect(incident.severity).toBe(1);
    expect(log.repo).toBe("acme/platform/incidents");
    expect(checklist.body).toContain("@nina");
    expect(checklist.body).toContain("@omar");
  });

  it("gives init the scoped status labels", () => {
    const names = desiredLabels(config).map((label) => label.name);
    expect(names).toEqual(expect.arrayContaining(["incident::active", "incident::resolved"]));
  });
});
