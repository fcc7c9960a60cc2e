import type { SandboxFace } from "./face.js";
import type { FaultInjector } from "./faults.js";
import { createGitlabFace } from "./gitlab/face.js";
import { createGitlabFormatter, gitlabDeliveryStyle } from "./gitlab/hooks.js";
import { createNote } from "./gitlab/quick-actions.js";
import { createManifestRegistry } from "./app-manifests.js";
import { createGithubFace } from "./github-face.js";
import { createGithubFormatter, githubDeliveryStyle } from "./github-hooks.js";
import { createMutations, type Mutations } from "./mutations.js";
import { createRoutes } from "./routes.js";
import {
  userFor,
  type SandboxComment,
  type SandboxIssue,
  type SandboxRepo,
  type SandboxStore,
  type SandboxUser,
} from "./store.js";
import { createWebhookSender, type WebhookSender } from "./webhooks.js";

export type SandboxPlatform = "github" | "gitlab";

export interface PlatformWiring {
  hooks: WebhookSender;
  mutate: Mutations;
  face: SandboxFace;
  /** A person's comment as the platform stores it (GitLab consumes its quick actions). */
  comment(
    repo: SandboxRepo,
    issue: SandboxIssue,
    actor: SandboxUser,
    body: string,
  ): SandboxComment | undefined;
  /** GitHub only: a submitted app manifest, and the code GitHub redirects with. */
  registerManifest?: (manifest: Record<string, unknown>) => string;
}

/** One store, one platform's webhooks, REST face and comment semantics. */
export function wirePlatform(
  platform: SandboxPlatform,
  store: SandboxStore,
  secret: string,
  faults: () => FaultInjector,
  log: (line: string) => void,
  base: () => string,
): PlatformWiring {
  if (platform === "gitlab") {
    const hooks = createWebhookSender(gitlabDeliveryStyle(secret, base), faults, log);
    const mutate = createMutations(store, createGitlabFormatter(hooks, base));
    return {
      hooks,
      mutate,
      face: createGitlabFace(store, mutate),
      comment: (repo, issue, actor, body) => createNote(mutate, repo, issue, actor, body).comment,
    };
  }
  const hooks = createWebhookSender(githubDeliveryStyle(secret), faults, log);
  const mutate = createMutations(store, createGithubFormatter(hooks, base));
  const manifests = createManifestRegistry();
  const face = createGithubFace([...createRoutes(store, mutate), manifests.route], (login) =>
    userFor(store, login),
  );
  return {
    hooks,
    mutate,
    face,
    registerManifest: manifests.register,
    comment: (repo, issue, actor, body) => mutate.createComment(repo, issue, actor, body),
  };
}
