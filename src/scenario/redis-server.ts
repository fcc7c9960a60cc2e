import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "./server-process.js";

/** A real redis-server on 127.0.0.1 (Debian's package; `.ci/run` installs it), with its own data dir. */
export interface RedisServer {
  url: string;
  port: number;
  /** Stops it (SIGTERM: it writes its append-only file first) and starts it again on the same port. */
  restart(): Promise<void>;
  /** `restart` in two halves, for a test that does something while Redis is away. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /**
   * `always` (the default) survives a restart mid-run with the queue intact, which the replica
   * suite needs; `everysec` is Redis's own default and what a benchmark should pay.
   */
  appendfsync?: "always" | "everysec";
}

/** Whether a `redis-server` binary is on the PATH (callers that can do without it ask first). */
export function redisServerInstalled(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).error === undefined;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "sevbot-redis-"));
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    "yes",
    "--appendfsync",
    options.appendfsync ?? "always",
  ];
  let child: ChildProcess;
  try {
    child = await launch(port, args);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const stopChild = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await stopChild();
      child = await launch(port, args);
    },
    down: () => stopChild(),
    async up() {
      child = await launch(port, args);
    },
    async stop() {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function launch(port: number, args: string[]): Promise<ChildProcess> {
  const child = spawn("redis-server", args, { stdio: "ignore" });
  // Without a listener a missing binary (ENOENT) would crash the caller instead of failing the start.
  let spawnError: Error | undefined;
  child.once("error", (error) => (spawnError = error));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !spawnError) {
    const probe = new Redis({
      port,
      host: "127.0.0.1",
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on("error", () => undefined); // a refused probe is expected while it starts; the catch below retries
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return child;
    } catch {
      probe.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  child.kill("SIGKILL");
  throw new Error(
    `redis-server did not start on port ${port}${spawnError ? `: ${spawnError.message}` : ""}`,
  );
}
