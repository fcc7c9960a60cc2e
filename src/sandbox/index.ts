import type { AddressInfo } from "node:net";
import type { Permission } from "../core/model.js";
import { createFaultInjector, type FaultOptions } from "./faults.js";
import { createInspection } from "./inspect.js";
import { wirePlatform, type SandboxPlatform } from "./platform.js";
import { createSandboxServer, type RequestRecord } from "./server.js";
import { createStore, GITLAB_BOT, userFor } from "./store.js";
import type { DeliveryRecord } from "./webhooks.js";

export type { FaultKind, FaultOptions } from "./faults.js";
export type { SandboxPlatform } from "./platform.js";
export type { RequestRecord } from "./server.js";
export type { DeliveryRecord } from "./webhooks.js";

/** The user any GitLab token other than `user-<login>` acts as (a project access token's bot). */
export const GITLAB_BOT_USERNAME = GITLAB_BOT.login;
/** A token the GitLab face accepts as the bot; any other token not shaped `user-<login>` works too. */
export const GITLAB_SANDBOX_TOKEN = "glpat-sandbox";

export interface SandboxOptions {
  /** Which forge the sandbox imitates; default `github`. */
  platform?: SandboxPlatform;
  /** GitHub: the HMAC key of `X-Hub-Signature-256`. GitLab: sent as `X-Gitlab-Token`. */
  webhookSecret: string;
  webhookUrl?: string;
  faults?: FaultOptions;
  port?: number;
  log?: (line: string) => void;
}

export interface RepoSetup {
  private?: boolean;
  files?: Record<string, string>;
  collaborators?: Record<string, Exclude<Permission, "none">>;
}

interface As {
  as: string;
}

/**
 * A local GitHub or GitLab for the demo, drills and end-to-end tests: REST subset on 127.0.0.1,
 * state in memory, webhooks for every change, scripted people acting on it, optional faults.
 */
export async function startSandbox(options: SandboxOptions) {
  const platform = options.platform ?? "github";
  const log = options.log ?? (() => undefined);
  const store = createStore();
  let faults = createFaultInjector(options.faults);
  let base = "http://127.0.0.1";
  const { hooks, mutate, face, comment, registerManifest } = wirePlatform(
    platform,
    store,
    options.webhookSecret,
    () => faults,
    log,
    () => base,
  );
  hooks.setUrl(options.webhookUrl);
  let settleWaiters: Array<() => void> = [];
  const http = createSandboxServer(
    face,
    () => faults,
    log,
    () => {
      if (http.inFlight() > 0) return;
      const waiters = settleWaiters;
      settleWaiters = [];
      for (const resolve of waiters) resolve();
    },
  );
  await new Promise<void>((resolve) => http.server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = http.server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  const inspect = createInspection(store, () => base);
  const { repoOf, issueOf } = inspect;
  const person = (as: string) => userFor(store, as);

  return {
    platform,
    url: base,
    apiUrl: `${base}${face.prefix}`,
    gheHost: `127.0.0.1:${port}`,
    setWebhookUrl: (url: string) => hooks.setUrl(url),
    /** GitHub's "Create GitHub App" page: takes a manifest, gives the code the app trades for its keys. */
    registerAppManifest(manifest: Record<string, unknown>): string {
      if (!registerManifest) throw new Error("only the GitHub sandbox registers app manifests");
      return registerManifest(manifest);
    },
    setFaults(next: FaultOptions | undefined) {
      faults = createFaultInjector(next);
    },
    createRepo(fullName: string, setup: RepoSetup = {}): void {
      const [owner = "", name = ""] = fullName.split("/");
      const collaborators = new Map<string, Permission>(Object.entries(setup.collaborators ?? {}));
      for (const login of collaborators.keys()) userFor(store, login);
      store.repos.set(fullName.toLowerCase(), {
        id: store.nextId(),
        owner,
        name,
        fullName,
        private: setup.private ?? false,
        issues: new Map(),
        comments: [],
        labels: new Map(),
        files: new Map(Object.entries(setup.files ?? {})),
        collaborators,
      });
    },
    setFile(fullName: string, path: string, content: string): void {
      repoOf(fullName).files.set(path, content);
    },
    async openIssue(
      fullName: string,
      fields: As & { title: string; body?: string; labels?: string[]; confidential?: boolean },
    ): Promise<number> {
      return mutate.openIssue(repoOf(fullName), person(fields.as), fields).number;
    },
    async addLabels(fullName: string, number: number, labels: string[], { as }: As): Promise<void> {
      mutate.addLabels(repoOf(fullName), issueOf(fullName, number), person(as), labels);
    },
    async removeLabel(fullName: string, number: number, label: string, { as }: As): Promise<void> {
      mutate.removeLabel(repoOf(fullName), issueOf(fullName, number), person(as), label);
    },
    /** The comment's id; on GitLab 0 when the comment was only quick actions (GitLab stores nothing). */
    async comment(fullName: string, number: number, body: string, { as }: As): Promise<number> {
      return comment(repoOf(fullName), issueOf(fullName, number), person(as), body)?.id ?? 0;
    },
    async editComment(fullName: string, id: number, body: string, { as }: As): Promise<void> {
      const repo = repoOf(fullName);
      const existing = repo.comments.find((candidate) => candidate.id === id);
      if (!existing) throw new Error(`comment ${id} does not exist`);
      mutate.editComment(repo, existing, person(as), body);
    },
    async closeIssue(fullName: string, number: number, { as }: As): Promise<void> {
      mutate.editIssue(repoOf(fullName), issueOf(fullName, number), person(as), {
        state: "closed",
      });
    },
    async reopenIssue(fullName: string, number: number, { as }: As): Promise<void> {
      mutate.editIssue(repoOf(fullName), issueOf(fullName, number), person(as), { state: "open" });
    },
    issue: inspect.issue,
    issues: inspect.issues,
    comments: inspect.comments,
    labels: inspect.labels,
    links: inspect.links,
    requests: http.requests as RequestRecord[],
    deliveries: hooks.deliveries as DeliveryRecord[],
    get faultCounts(): Record<string, number> {
      return { ...faults.counts };
    },
    /** Resolves when every webhook is delivered and no request is being handled. */
    async idle(): Promise<void> {
      await hooks.idle();
      if (http.inFlight() > 0) await new Promise<void>((resolve) => settleWaiters.push(resolve));
      await hooks.idle();
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        http.server.closeAllConnections();
        http.server.close(() => resolve());
      });
    },
  };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
