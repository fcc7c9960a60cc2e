import { describe, expect, it } from "vitest";
import { CONFIG_WAIT_MS, createConfigCache, readConfigCached } from "../../src/app/config-cache.js";
import { parseConfig, type LoadedConfig } from "../../src/config/load.js";

const FILE = ".github/sevbot.yml";
const defaults = () => parseConfig(undefined, FILE);
const configured = (): LoadedConfig => parseConfig({ oncall: ["kim"] }, FILE);
const failing = (status?: number) => async (): Promise<LoadedConfig> => {
  throw Object.assign(
    new Error(`answered ${status ?? "nothing"}`),
    status === undefined ? {} : { status },
  );
};

describe("reading a repository's config through the cache", () => {
  it("within the TTL the cached config is used without reading", async () => {
    const cache = createConfigCache(1_000);
    await readConfigCached(cache, "acme/web", 0, FILE, async () => configured(), defaults);
    const again = await readConfigCached(cache, "acme/web", 999, FILE, failing(500), defaults);
    expect(again.config.oncall).toEqual(["kim"]);
  });

  it.each([500, 502, 429, undefined])(
    "a re-read failing with %s keeps the config last read, however old",
    async (status) => {
      const cache = createConfigCache(1_000);
      await readConfigCached(cache, "acme/web", 0, FILE, async () => configured(), defaults);
      const kept = await readConfigCached(
        cache,
        "acme/web",
        60_000,
        FILE,
        failing(status),
        defaults,
      );
      expect(kept.config.oncall).toEqual(["kim"]);
      expect(kept.error).toBeUndefined();
    },
  );

  it("a first read failing with a 5xx fails (so the job is retried) and caches nothing", async () => {
    const cache = createConfigCache(1_000);
    await expect(
      readConfigCached(cache, "acme/web", 0, FILE, failing(503), defaults),
    ).rejects.toThrow(/cannot read \.github\/sevbot\.yml of acme\/web yet \(answered 503\)/);
    const next = await readConfigCached(
      cache,
      "acme/web",
      1,
      FILE,
      async () => configured(),
      defaults,
    );
    expect(next.config.oncall).toEqual(["kim"]);
  });

  it("a read refused for good (403: no access to the file) gives the defaults with an error to post, cached", async () => {
    const cache = createConfigCache(1_000);
    const refused = await readConfigCached(cache, "acme/web", 0, FILE, failing(403), defaults);
    expect(refused.config.oncall).toEqual(defaults().config.oncall);
    expect(refused.error).toMatch(
      /^Invalid config in \.github\/sevbot\.yml:\n- \(file\): answered 403\nsevbot is using the built-in defaults/,
    );
    expect(cache.get("acme/web", 1)).toBe(refused);
  });

  it("the repositories it remembers are bounded: the oldest is forgotten first", async () => {
    const cache = createConfigCache(1_000, 2);
    for (const repo of ["a/1", "a/2", "a/3"]) cache.set(repo, 0, configured());
    expect(cache.lastRead("a/1")).toBeUndefined();
    expect(cache.lastRead("a/3")?.config.oncall).toEqual(["kim"]);
  });
});

describe("an event waiting for its config during an outage", () => {
  const reads = (outcomes: Array<number | "ok">) => {
    let count = 0;
    return {
      count: () => count,
      read: async (): Promise<LoadedConfig> => {
        const outcome = outcomes[Math.min(count++, outcomes.length - 1)];
        if (outcome === "ok") return configured();
        return failing(outcome)();
      },
    };
  };

  it("reads again within its budget and takes the config once it comes", async () => {
    const cache = createConfigCache(1_000);
    const source = reads([503, 502, "ok"]);
    const loaded = await readConfigCached(cache, "acme/web", 0, FILE, source.read, defaults, {
      budgetMs: 5_000,
    });
    expect(source.count()).toBe(3);
    expect(loaded.config.oncall).toEqual(["kim"]);
    expect(loaded.provisional).toBeUndefined();
  });

  it("never waits past its budget: then the defaults stand in, marked provisional and not cached", async () => {
    const cache = createConfigCache(60_000);
    const source = reads([503]);
    const started = performance.now();
    const loaded = await readConfigCached(cache, "acme/web", 0, FILE, source.read, defaults, {
      budgetMs: 1_200,
    });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1_150);
    expect(waited).toBeLessThan(2_000);
    expect(source.count()).toBeGreaterThan(1);
    expect(loaded).toMatchObject({ provisional: true, config: defaults().config });
    expect(loaded.error).toMatch(
      /^Could not read \.github\/sevbot\.yml \(answered 503\): sevbot went on with the built-in defaults/,
    );
    expect(cache.lastRead("acme/web")).toBeUndefined();
  });

  it("a read that hangs is cut at the budget", async () => {
    const cache = createConfigCache(1_000);
    const hang = () => new Promise<LoadedConfig>(() => {});
    const started = performance.now();
    const loaded = await readConfigCached(cache, "acme/web", 0, FILE, hang, defaults, {
      budgetMs: 1_100,
    });
    // Cut at the budget, not at the 15 s wait: generous above, as a loaded machine fires late.
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_050);
    expect(elapsed).toBeLessThan(CONFIG_WAIT_MS / 3);
    expect(loaded.provisional).toBe(true);
    expect(loaded.error).toContain("timed out");
  });

  it("with its budget spent (a retried job), one short read, then the config last read or the defaults", async () => {
    const cache = createConfigCache(1_000);
    let reads = 0;
    const counted = () => (reads++, failing(500)());
    const loaded = await readConfigCached(cache, "acme/web", 0, FILE, counted, defaults, {
      budgetMs: -30_000,
    });
    // One read and no pause before another: counted, not timed (a loaded machine is slow).
    expect(reads).toBe(1);
    expect(loaded.provisional).toBe(true);
    await readConfigCached(cache, "acme/web", 0, FILE, async () => configured(), defaults);
    const kept = await readConfigCached(cache, "acme/web", 5_000, FILE, failing(500), defaults, {
      budgetMs: 0,
    });
    expect(kept.config.oncall).toEqual(["kim"]);
    expect(kept.provisional).toBeUndefined();
  });
});
