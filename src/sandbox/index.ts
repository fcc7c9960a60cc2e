import type { AddressInfo } from "node:net";
import type { Permission } from "../core/model.js";
import { createFaultInjector, type FaultOptions } from "./faults.js";
import { createMutations } from "./mutations.js";
import { commentJson, issueJson, labelJson } from "./payloads.js";
import { createRoutes } from "./routes.js";
import { createSandboxServer, type RequestRecord } from "./server.js";
import { createStore, userFor, type SandboxRepo } from "./store.js";
import { createWebhookSender, type DeliveryRecord } from "./webhooks.js";

export type { FaultKind, FaultOptions } from "./faults.js";
export type { RequestRecord } from "./server.js";
export type { DeliveryRecord } from "./webhooks.js";

export interface SandboxOptions {
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
 * A local GitHub for the demo, drills and end-to-end tests: REST subset on 127.0.0.1, state in
 * memory, signed webhooks for every change, scripted people acting on it, optional faults.
 */
export async function startSandbox(options: SandboxOptions) {
  const log = options.log ?? (() => undefined);
  const store = createStore();
  let faults = createFaultInjector(options.faults);
  const hooks = createWebhookSender(options.webhookSecret, () => faults, log);
  hooks.setUrl(options.webhookUrl);
  let base = "http://127.0.0.1";
  const mutate = createMutations(store, hooks, () => base);
  let settleWaiters: Array<() => void> = [];
  const http = createSandboxServer(createRoutes(store, mutate), () => faults, log, () => {
    if (http.inFlight() > 0) return;
    const waiters = settleWaiters;
    settleWaiters = [];
    for (const resolve of waiters) resolve();
  }, (login) => userFor(store, login));
  await new Promise<void>((resolve) => http.server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = http.server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  const repoOf = (fullName: string): SandboxRepo => {
    const repo = store.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`sandbox has no repository ${fullName}`);
    return repo;
  };
  const issueOf = (fullName: string, number: number) => {
    const issue = repoOf(fullName).issues.get(number);
    if (!issue) throw new Error(`${fullName}#${number} does not exist`);
    return issue;
  };
  const commentsOf = (repo: SandboxRepo, number: number) => repo.comments.filter((comment) => comment.issueNumber === number).length;

  return {
    url: base,
    apiUrl: `${base}/api/v3`,
    gheHost: `127.0.0.1:${port}`,
    setWebhookUrl: (url: string) => hooks.setUrl(url),
    setFaults(next: FaultOptions | undefined) {
      faults = createFaultInjector(next);
    },
    createRepo(fullName: string, setup: RepoSetup = {}): void {
      const [owner = "", name = ""] = fullName.split("/");
      const collaborators = new Map<string, Permission>(Object.entries(setup.collaborators ?? {}));
      for (const login of collaborators.keys()) userFor(store, login);
      store.repos.set(fullName.toLowerCase(), { id: store.nextId(), owner, name, fullName, private: setup.private ?? false, issues: new Map(), comments: [], labels: new Map(), files: new Map(Object.entries(setup.files ?? {})), collaborators });
    },
    setFile(fullName: string, path: string, content: string): void {
      repoOf(fullName).files.set(path, content);
    },
    async openIssue(fullName: string, fields: As & { title: string; body?: string; labels?: string[] }): Promise<number> {
      return mutate.openIssue(repoOf(fullName), userFor(store, fields.as), fields).number;
    },
    async addLabels(fullName: string, number: number, labels: string[], { as }: As): Promise<void> {
      mutate.addLabels(repoOf(fullName), issueOf(fullName, number), userFor(store, as), labels);
    },
    async removeLabel(fullName: string, number: number, label: string, { as }: As): Promise<void> {
      mutate.removeLabel(repoOf(fullName), issueOf(fullName, number), userFor(store, as), label);
    },
    async comment(fullName: string, number: number, body: string, { as }: As): Promise<number> {
      return mutate.createComment(repoOf(fullName), issueOf(fullName, number), userFor(store, as), body).id;
    },
    async editComment(fullName: string, id: number, body: string, { as }: As): Promise<void> {
      const repo = repoOf(fullName);
      const comment = repo.comments.find((candidate) => candidate.id === id);
      if (!comment) throw new Error(`comment ${id} does not exist`);
      mutate.editComment(repo, comment, userFor(store, as), body);
    },
    async closeIssue(fullName: string, number: number, { as }: As): Promise<void> {
      mutate.editIssue(repoOf(fullName), issueOf(fullName, number), userFor(store, as), { state: "closed" });
    },
    async reopenIssue(fullName: string, number: number, { as }: As): Promise<void> {
      mutate.editIssue(repoOf(fullName), issueOf(fullName, number), userFor(store, as), { state: "open" });
    },
    issue(fullName: string, number: number) {
      const repo = repoOf(fullName);
      return issueJson(issueOf(fullName, number), repo, base, commentsOf(repo, number));
    },
    issues(fullName: string) {
      const repo = repoOf(fullName);
      return [...repo.issues.values()].map((issue) => issueJson(issue, repo, base, commentsOf(repo, issue.number)));
    },
    comments(fullName: string, number: number) {
      const repo = repoOf(fullName);
      return repo.comments.filter((comment) => comment.issueNumber === number).map((comment) => commentJson(comment, repo, base));
    },
    labels(fullName: string) {
      const repo = repoOf(fullName);
      return [...repo.labels.values()].map((label) => labelJson(label, repo, base));
    },
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
