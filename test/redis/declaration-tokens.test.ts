import { beforeAll, describe, expect, it } from "vitest";
import { createRedisDeclarationTokens } from "../../src/adapters/redis/declaration-tokens.js";
import { MINT_WINDOW_MS } from "../../src/app/declaration-tokens.js";
import { useRedisServer } from "../helpers/redis-server.js";

const source = (number: number) => ({ platform: "github" as const, repo: "acme/shop", number });
const justNow = () => new Date().toISOString();

/** Two "replicas" are two connections to the same real redis-server. */
describe("declaration tokens on a real Redis", () => {
  const redis = useRedisServer();
  // The store began before these tests' issues (it records its start with the first mint).
  beforeAll(async () => void (await redis.connect().set("sevbot:declaration-tokens:since", "0")));

  it("exactly one of many concurrent attempts on two replicas gets the token", async () => {
    const [a, b] = [
      createRedisDeclarationTokens(redis.connect()),
      createRedisDeclarationTokens(redis.connect()),
    ];
    await a.mint(source(1), justNow());
    const spent = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 ? a : b).spend(source(1))),
    );
    expect(spent.filter(Boolean)).toHaveLength(1);
  });

  it("a late or repeated opened event never mints again once an attempt began", async () => {
    const [a, b] = [
      createRedisDeclarationTokens(redis.connect()),
      createRedisDeclarationTokens(redis.connect()),
    ];
    expect(await a.spend(source(2))).toBe(false); // the label came before the opened event
    await b.mint(source(2), justNow());
    expect(await a.spend(source(2))).toBe(false);
    await b.mint(source(3), justNow());
    await a.mint(source(3), justNow()); // a duplicate delivery: still one token
    expect([await a.spend(source(3)), await b.spend(source(3))]).toEqual([true, false]);
  });

  it("an opened event long after the issue was created mints nothing (a redelivery)", async () => {
    const tokens = createRedisDeclarationTokens(redis.connect());
    const created = new Date(Date.now() - MINT_WINDOW_MS - 60_000).toISOString();
    await tokens.mint(source(4), created);
    expect(await tokens.spend(source(4))).toBe(false);
  });

  it("after Redis lost its data, an issue created before mints nothing (its tombstone may be what was lost)", async () => {
    const connection = redis.connect();
    const tokens = createRedisDeclarationTokens(connection);
    const created = new Date(Date.now() - 60_000).toISOString();
    await connection.flushall();
    await tokens.mint(source(5), created);
    expect(await tokens.spend(source(5))).toBe(false);
    await tokens.mint(source(6), new Date(Date.now() + 1000).toISOString()); // created after
    expect(await tokens.spend(source(6))).toBe(true);
  });

  it("remembers, on every replica, the trackers attempts opened logs in (the config may move it)", async () => {
    const [a, b] = [
      createRedisDeclarationTokens(redis.connect()),
      createRedisDeclarationTokens(redis.connect()),
    ];
    await a.mint(source(7), justNow());
    expect(await a.spend(source(7), "acme/incidents")).toBe(true);
    expect(await b.spend(source(7), "acme/shop")).toBe(false);
    expect(await b.spend(source(7), "acme/incidents")).toBe(false);
    expect((await a.trackers(source(7))).sort()).toEqual(["acme/incidents", "acme/shop"]);
    expect(await b.trackers(source(8))).toEqual([]);
  });
});
