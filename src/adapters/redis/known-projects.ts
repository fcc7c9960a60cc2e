import type { Redis } from "ioredis";
import type { KnownProjects } from "../../app/known-projects.js";
import type { Logger } from "../../app/runtime.js";
import { withTimeout } from "../../app/with-timeout.js";

/**
 * The projects every replica heard from, in one Redis set. Each replica also keeps its own, so a
 * project is written once per replica, and a tick while Redis is away still covers what it knows.
 */
export function createRedisKnownProjects(
  redis: Redis,
  log: Logger,
  initial: string[] = [],
  { key = "sevbot:gitlab:projects", timeoutMs = 2_000 } = {},
): KnownProjects {
  const local = new Set<string>();
  const shared = new Set<string>();
  const sharing = new Set<string>();
  const share = (project: string) => {
    if (shared.has(project) || sharing.has(project)) return;
    sharing.add(project);
    withTimeout(timeoutMs, () => redis.sadd(key, project))
      .then(
        () => void shared.add(project),
        (error: Error) =>
          log.warn(
            `known projects: could not record ${project} in Redis (${error.message}); this replica ticks it meanwhile`,
          ),
      )
      .finally(() => sharing.delete(project));
  };
  for (const project of initial) local.add(project);
  return {
    add(project) {
      local.add(project);
      share(project);
    },
    async list() {
      // Projects not yet in Redis (it was away when they arrived) are written again.
      for (const project of local) share(project);
      try {
        return [
          ...new Set([...local, ...(await withTimeout(timeoutMs, () => redis.smembers(key)))]),
        ];
      } catch (error) {
        log.warn(
          `known projects: Redis did not answer (${(error as Error).message}); ticking this replica's ${local.size} project(s)`,
        );
        return [...local];
      }
    },
  };
}
