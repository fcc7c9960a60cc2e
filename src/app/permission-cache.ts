import type { Permission } from "../core/model.js";

/** Permissions are looked up briefly cached: a burst of commands costs one request per person. */
export interface PermissionCache {
  lookup(
    repo: string,
    user: string,
    now: number,
    fetch: () => Promise<Permission>,
  ): Promise<Permission>;
}

export function createPermissionCache(ttlMs = 60_000): PermissionCache {
  const entries = new Map<string, { at: number; permission: Permission }>();
  return {
    async lookup(repo, user, now, fetch) {
      const key = `${repo}\u0000${user.toLowerCase()}`;
      const entry = entries.get(key);
      if (entry && now - entry.at < ttlMs) return entry.permission;
      const permission = await fetch();
      entries.set(key, { at: now, permission });
      return permission;
    },
  };
}
