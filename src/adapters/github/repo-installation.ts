import type { Probot } from "probot";
import type { GithubOctokit } from "./forge.js";

export interface RepoAccess {
  installationId: number;
  repoPrivate: boolean;
}

/**
 * For work that arrives from outside GitHub (PagerDuty, Slack, alerts): which installation covers
 * the repository, and whether it is private. Remembered per repository for a while.
 */
export function createRepoInstallations(app: Probot, maxAgeMs = 10 * 60_000) {
  const known = new Map<string, { access: RepoAccess; at: number }>();
  return async function accessOf(repo: string): Promise<RepoAccess> {
    const cached = known.get(repo);
    if (cached && performance.now() - cached.at < maxAgeMs) return cached.access;
    const [owner, name] = repo.split("/");
    const appClient = (await app.auth()) as GithubOctokit;
    const { data: installation } = await appClient.request(
      "GET /repos/{owner}/{repo}/installation",
      { owner: owner!, repo: name! },
    );
    const client = (await app.auth(installation.id)) as GithubOctokit;
    const { data: repository } = await client.request("GET /repos/{owner}/{repo}", {
      owner: owner!,
      repo: name!,
    });
    const access = { installationId: installation.id, repoPrivate: repository.private };
    known.set(repo, { access, at: performance.now() });
    return access;
  };
}
