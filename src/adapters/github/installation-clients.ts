import type { GithubOctokit } from "./forge.js";

/**
 * One Octokit per installation, reused for a while instead of one per webhook: queued work then
 * holds a small event, not a whole client each (the burst benchmark showed ~100 KB per job).
 * Probot caches the installation token itself; this only keeps the client object.
 */
export function createInstallationClients(
  maxAgeMs = 30 * 60_000,
  now: () => number = () => performance.now(),
) {
  const clients = new Map<number, { octokit: GithubOctokit; at: number }>();
  return {
    /** The cached client of an installation, while it is fresh. */
    get(installationId: number): GithubOctokit | undefined {
      const cached = clients.get(installationId);
      return cached && now() - cached.at < maxAgeMs ? cached.octokit : undefined;
    },
    reuse(installationId: number | undefined, fresh: GithubOctokit): GithubOctokit {
      if (installationId === undefined) return fresh;
      const cached = clients.get(installationId);
      if (cached && now() - cached.at < maxAgeMs) return cached.octokit;
      clients.set(installationId, { octokit: fresh, at: now() });
      return fresh;
    },
  };
}
