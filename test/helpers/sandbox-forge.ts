import { afterEach, beforeEach } from "vitest";
import { createGithubForge } from "../../src/adapters/github/forge.js";
import { createSevbotOctokit } from "../../src/adapters/github/octokit.js";
import { createGitlabClient } from "../../src/adapters/gitlab/client.js";
import { createGitlabForge } from "../../src/adapters/gitlab/forge.js";
import type { HandleEventDeps } from "../../src/app/handle-event.js";
import { createKeyedMutex } from "../../src/app/keyed-mutex.js";
import { createPermissionCache } from "../../src/app/permission-cache.js";
import { defaultConfig } from "../../src/config/load.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { IssueRef, Platform } from "../../src/core/model.js";
import type { Forge } from "../../src/ports/forge.js";
import {
  GITLAB_BOT_USERNAME,
  startSandbox,
  type RepoSetup,
  type Sandbox,
} from "../../src/sandbox/index.js";

/**
 * The real forge adapter of `platform`, talking to the sandbox (which checks every request against
 * the platform's API description). No write spacing and no retries: a test sees each request once.
 */
export function sandboxForge(sandbox: Sandbox, platform: Platform = "github"): Forge {
  if (platform === "gitlab")
    return createGitlabForge(createGitlabClient({ host: sandbox.url, token: "glpat-sandbox" }), {
      botUsername: GITLAB_BOT_USERNAME,
      userIds: new Map(),
    });
  const Octokit = createSevbotOctokit({ writeIntervalMs: 0 });
  return createGithubForge(
    new Octokit({
      auth: "t",
      baseUrl: sandbox.apiUrl,
      retry: { enabled: false },
      throttle: { enabled: false },
    } as ConstructorParameters<typeof Octokit>[0]),
  );
}

export const SEV1_REPO = "acme/shop";

export interface Sev1Sandbox {
  sandbox: Sandbox;
  forge: Forge;
  /** The reported issue, labelled `severity::1` (not yet declared: no event was handled). */
  source: IssueRef;
}

type Sev1Options = {
  platform?: Platform;
  reporter?: string;
  collaborators?: RepoSetup["collaborators"];
};

/** A sandbox whose repo `acme/shop` has one issue, opened by `reporter` with `severity::1`. */
export async function sandboxWithSev1(options: Sev1Options = {}): Promise<Sev1Sandbox> {
  const platform = options.platform ?? "github";
  const reporter = options.reporter ?? "dana";
  const sandbox = await startSandbox({ webhookSecret: "s", platform });
  sandbox.createRepo(SEV1_REPO, {
    collaborators: options.collaborators ?? { [reporter]: "write" },
  });
  const number = await sandbox.openIssue(SEV1_REPO, {
    as: reporter,
    title: "Checkout is down",
    labels: ["severity::1"],
  });
  return {
    sandbox,
    forge: sandboxForge(sandbox, platform),
    source: { platform, repo: SEV1_REPO, number },
  };
}

/** A fresh `sandboxWithSev1` for each test of the suite (closed after it), handed to `onEach`. */
export function eachTestWithSev1(
  onEach: (fresh: Sev1Sandbox) => void,
  options: Sev1Options = {},
): void {
  let sandbox: Sandbox | undefined;
  beforeEach(async () => {
    const fresh = await sandboxWithSev1(options);
    sandbox = fresh.sandbox;
    onEach(fresh);
  });
  afterEach(() => sandbox?.close());
}

/** The event of a person adding `severity::1` to the issue, as the forge has it now. */
export async function sev1Labeled(
  forge: Forge,
  source: IssueRef,
  login = "dana",
): Promise<DomainEvent> {
  return {
    kind: "issue-labeled",
    issue: await forge.getIssue(source),
    actor: { login, isBot: false },
    label: "severity::1",
  };
}

/**
 * What handleEvent needs, on `forge` at the time `now` gives: a fresh mutex and permission cache,
 * the default config; `overrides` replace or add any of it (notify, loadConfig, configWaitMs…).
 */
export function eventDeps(
  forge: Forge,
  now: () => Date,
  overrides: Partial<HandleEventDeps> = {},
): HandleEventDeps {
  return {
    forge,
    clock: { now },
    mutex: createKeyedMutex(),
    permissions: createPermissionCache(),
    loadConfig: async () => ({ config: defaultConfig() }),
    ...overrides,
  };
}
