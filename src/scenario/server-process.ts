import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The real sevbot server as a child process, pointed at a sandbox like a GHES user would. */
export interface ServerProcess {
  url: string;
  webhookUrl: string;
  webhookSecret: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Simulated time for the demo and end-to-end tests: 120× (a simulated minute every half second). */
export const FAST_CLOCK = { speed: 120, tickSeconds: 0.25 };

export interface ServerProcessOptions {
  /** A sandbox's GitHub face (`host:port`), as GitHub Enterprise Server users set GHE_HOST. */
  gheHost?: string;
  /** A sandbox's GitLab face (base URL): the server runs for GitLab only, as GITLAB_URL. */
  gitlabUrl?: string;
  webhookSecret: string;
  /** Accelerated clock (shared epoch, so a restarted server agrees on the time). */
  clock?: { speed: number; epoch: string; tickSeconds: number };
  env?: Record<string, string>;
  logLevel?: string;
}

/** Always the built server (`npm run build`), whether this module runs from src/ or dist/. */
const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** Probot's Server treats port 0 as "unset", so an ephemeral port is picked up front. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function testPrivateKey(): string {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const { webhookSecret } = options;
  let output = "";
  const platform = options.gitlabUrl
    ? {
        GITLAB_URL: options.gitlabUrl,
        GITLAB_TOKEN: "glpat-sandbox",
        GITLAB_WEBHOOK_SECRET: webhookSecret,
        GITLAB_NOTES_PER_MINUTE: "100000",
        GITLAB_ISSUES_PER_MINUTE: "100000",
      }
    : {
        APP_ID: "1",
        PRIVATE_KEY: testPrivateKey(),
        WEBHOOK_SECRET: webhookSecret,
        GHE_HOST: options.gheHost ?? "",
        GHE_PROTOCOL: "http",
      };
  const child = spawn(process.execPath, [CLI, "serve"], {
    env: {
      PATH: process.env.PATH ?? "",
      ...platform,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: options.logLevel ?? "warn",
      LOG_FORMAT: "json",
      NODE_ENV: "production",
      SEVBOT_WRITE_INTERVAL_MS: "0",
      ...(options.clock
        ? {
            SEVBOT_CLOCK_SPEED: String(options.clock.speed),
            SEVBOT_CLOCK_EPOCH: options.clock.epoch,
            SEVBOT_TICK_SECONDS: String(options.clock.tickSeconds),
          }
        : { SEVBOT_TICK_SECONDS: "0" }),
      ...options.env,
    } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilListening(url, child, () => output);
  return {
    url,
    webhookUrl: `${url}/api/${options.gitlabUrl ? "gitlab" : "github"}/webhooks`,
    webhookSecret,
    child,
    output: () => output,
    stop: (signal = "SIGTERM") => stopChild(child, signal),
  };
}

async function waitUntilListening(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`sevbot exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`sevbot did not start within 15 s:\n${output()}`);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
