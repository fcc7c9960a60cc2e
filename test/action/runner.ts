import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The committed bundle: what `uses: owner/sevbot@v1` runs. */
export const ACTION_ENTRY = new URL("../../.github/action/index.mjs", import.meta.url).pathname;

/** The token the workflow hands the Action; the sandbox acts as sevbot's bot for any token. */
export const WORKFLOW_TOKEN = "ghs_workflowtoken";

export interface ActionRun {
  event: string;
  /** `repo#number`, or the event name for runs about no issue (schedule). */
  group: string;
  /** The payload's `action`, `label.name` and `comment.body`, when it has them. */
  action?: string;
  label?: string;
  comment?: string;
  startedAt: number;
  endedAt?: number;
  exitCode?: number | null;
  output: string;
  /** GitHub cancelled it while it waited: a newer run for its group replaced it. */
  cancelled?: boolean;
}

export interface RunnerOptions {
  apiUrl: string;
  repository: string;
  env?: Record<string, string>;
  /**
   * GitHub's rule for a concurrency group: one run in progress and at most ONE waiting; a newer
   * run cancels the waiting one. Off: every run waits its turn (no event is ever lost).
   */
  onePendingPerGroup?: boolean;
}

/**
 * A stand-in for GitHub Actions on the sandbox: each webhook a person's change causes starts one
 * process of the Action's bundled entry with the environment a runner sets. As on GitHub, changes
 * made with the workflow's own token start no run (the sandbox's bot stands for it), and runs
 * about one issue go one at a time (the example workflow's `concurrency` group per issue).
 */
export async function startActionRunner(options: RunnerOptions) {
  const dir = mkdtempSync(join(tmpdir(), "sevbot-action-"));
  const runs: ActionRun[] = [];
  const groups = new Map<string, Promise<void>>();
  let pending = 0;
  let waiters: Array<() => void> = [];
  let sequence = 0;

  function recordOf(event: string, payload: object, group: string): ActionRun {
    const { action, label, comment } = payload as {
      action?: string;
      label?: { name?: string };
      comment?: { body?: string };
    };
    return {
      event,
      group,
      ...(action ? { action } : {}),
      ...(label?.name ? { label: label.name } : {}),
      ...(comment?.body ? { comment: comment.body } : {}),
      startedAt: 0,
      output: "",
    };
  }

  function run(event: string, payload: object, group: string): Promise<ActionRun> {
    const path = join(dir, `event-${++sequence}.json`);
    writeFileSync(path, JSON.stringify(payload));
    const record = recordOf(event, payload, group);
    runs.push(record);
    return new Promise((resolve) => {
      record.startedAt = performance.timeOrigin + performance.now();
      const child = spawn(process.execPath, [ACTION_ENTRY], {
        env: {
          PATH: process.env.PATH ?? "",
          CI: "true",
          GITHUB_ACTIONS: "true",
          GITHUB_EVENT_NAME: event,
          GITHUB_EVENT_PATH: path,
          GITHUB_REPOSITORY: options.repository,
          GITHUB_API_URL: options.apiUrl,
          GITHUB_RUN_ID: String(sequence),
          GITHUB_WORKFLOW: "sevbot",
          RUNNER_TEMP: dir,
          "INPUT_GITHUB-TOKEN": WORKFLOW_TOKEN,
          "INPUT_TRACKER-TOKEN": "",
          "INPUT_CONFIG-PATH": ".github/sevbot.yml",
          ...options.env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.on("data", (chunk: Buffer) => (record.output += chunk));
      child.stderr.on("data", (chunk: Buffer) => (record.output += chunk));
      // Bounded: a hung run is killed, and its exit code shows it.
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.once("exit", (code) => {
        clearTimeout(timer);
        record.endedAt = performance.timeOrigin + performance.now();
        record.exitCode = code;
        resolve(record);
      });
    });
  }

  /** A run GitHub cancelled before it started: recorded, never run. */
  function cancelled(event: string, payload: object, group: string): ActionRun {
    const record: ActionRun = { ...recordOf(event, payload, group), cancelled: true };
    runs.push(record);
    return record;
  }

  /** Which run waits for each group (to be replaced by a newer one under GitHub's rule). */
  const waiting = new Map<string, { replaced: boolean }>();

  /** Queued behind the group's last run, like a workflow run waiting for its concurrency group. */
  function queue(event: string, payload: object, group: string): Promise<ActionRun> {
    pending++;
    const previous = groups.get(group) ?? Promise.resolve();
    const ticket = { replaced: false };
    if (options.onePendingPerGroup) {
      const before = waiting.get(group);
      if (before) before.replaced = true;
      waiting.set(group, ticket);
    }
    const result = previous.then(() => {
      if (waiting.get(group) === ticket) waiting.delete(group);
      return ticket.replaced ? cancelled(event, payload, group) : run(event, payload, group);
    });
    const settled = result.then(() => undefined);
    groups.set(group, settled);
    void settled.finally(() => {
      if (--pending > 0) return;
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    });
    return result;
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const event = String(req.headers["x-github-event"] ?? "");
      const payload = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        sender?: { type?: string };
        issue?: { number: number };
        repository?: { full_name: string };
      };
      res.writeHead(204).end();
      // GITHUB_TOKEN's own writes start no workflow run.
      if (payload.sender?.type === "Bot") return;
      void queue(event, payload, `${payload.repository?.full_name}#${payload.issue?.number}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    webhookUrl: `http://127.0.0.1:${port}/`,
    runs,
    /** A `schedule` run (cron) or a `workflow_dispatch` run, started now. */
    scheduled(event: "schedule" | "workflow_dispatch" = "schedule"): Promise<ActionRun> {
      const payload = {
        schedule: "*/5 * * * *",
        repository: { full_name: options.repository, private: false },
      };
      return queue(event, payload, "schedule");
    },
    /** A run for any event and payload, started now. */
    event: (name: string, payload: object): Promise<ActionRun> => queue(name, payload, name),
    /**
     * Keeps the group busy, as a long run about the issue would, until `release` is called: the
     * runs for events meanwhile wait (and, under GitHub's rule, replace each other).
     */
    hold(group: string): () => void {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const previous = groups.get(group) ?? Promise.resolve();
      groups.set(
        group,
        previous.then(() => held),
      );
      return release;
    },
    /** Resolves when no run is queued or running. */
    idle(): Promise<void> {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ActionRunner = Awaited<ReturnType<typeof startActionRunner>>;
