import { describe, expect, it } from "vitest";
import { createConfigCache, readConfigCached } from "../../src/app/config-cache.js";
import { handleEvent, type HandleEventDeps } from "../../src/app/handle-event.js";
import { handleTick } from "../../src/app/handle-tick.js";
import { defaultConfig, parseConfigText, type LoadedConfig } from "../../src/config/load.js";
import type { Notification } from "../../src/core/notification.js";
import type { Forge } from "../../src/ports/forge.js";
import type { Sandbox } from "../../src/sandbox/index.js";
import { eventDeps, eachTestWithSev1, sev1Labeled, SEV1_REPO } from "../helpers/sandbox-forge.js";

const REPO = SEV1_REPO;
const FILE = ".github/sevbot.yml";
const RECEIVED = "2026-12-01T10:00:00.000Z";
const REAL =
  "oncall: [kim]\nescalation:\n  policies:\n    1: { steps: [{ after: 0, notify: { channels: ['#payments'] } }] }\n";

/**
 * A Sev-1 declared on the stand-in defaults during an outage keeps escalating on them while the
 * config cannot be read, and the scheduler's first tick that reads it applies it once.
 */
describe("the scheduler and a config that could not be read at declaration", () => {
  let sandbox: Sandbox;
  let forge: Forge;
  let minutes = 0;
  let outage = true;
  const sent: Notification[] = [];

  eachTestWithSev1((fresh) => ({ sandbox, forge } = fresh));

  const cache = createConfigCache(0);
  const read = async (): Promise<LoadedConfig> => {
    if (outage) throw Object.assign(new Error("Service Unavailable"), { status: 503 });
    return parseConfigText(REAL, FILE);
  };
  const deps = (): HandleEventDeps =>
    eventDeps(forge, () => new Date(Date.parse(RECEIVED) + minutes * 60_000), {
      configWaitMs: 300,
      loadConfig: (repo, wait) =>
        readConfigCached(cache, repo, 0, FILE, read, () => ({ config: defaultConfig() }), wait),
      notify: (notification) => void sent.push(notification),
    });
  const tickAt = async (at: number) => {
    minutes = at;
    const log = sandbox.issues(REPO).find((issue) => issue.title.startsWith("[SEV-1]"))!;
    return handleTick(
      deps(),
      await forge.getIssue({ platform: "github", repo: REPO, number: log.number }),
    );
  };
  const sourceComments = () => sandbox.comments(REPO, 1).map((comment) => comment.body ?? "");

  it("escalates on the defaults during the outage, then applies the config once", async () => {
    await handleEvent(
      deps(),
      await sev1Labeled(forge, { platform: "github", repo: REPO, number: 1 }),
      RECEIVED,
    );
    expect(sent.map((notification) => notification.key)).toEqual([expect.stringMatching(/-s0$/)]);

    // Still unreadable 6 minutes later: the defaults' repeat at +5 min goes out.
    expect(await tickAt(6)).toBeGreaterThan(0);
    expect(sent.at(-1)?.key).toMatch(/-r1$/);
    expect(sourceComments().some((body) => body.includes("config can be read now"))).toBe(false);

    outage = false;
    await tickAt(7);
    const arrived = sourceComments().filter((body) => body.includes("config can be read now"));
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toContain("@kim");
    expect(sent.at(-1)).toMatchObject({
      key: expect.stringMatching(/^config-esc-.*-s0$/),
      targets: { channels: ["#payments"] },
    });

    const before = sent.length;
    expect(await tickAt(8)).toBe(0);
    expect(sent.length).toBe(before);
    expect(sourceComments().filter((body) => body.includes("config can be read now"))).toHaveLength(
      1,
    );
  });
});
