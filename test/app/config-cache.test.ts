import { describe, expect, it } from "vitest";
import { createConfigCache, readConfigCached } from "../../src/app/config-cache.js";
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
