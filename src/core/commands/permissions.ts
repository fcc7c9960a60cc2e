import type { Permission } from "../model.js";
import type { CommandName } from "./types.js";

/** Ordered from least to most access, as GitHub's repository roles are. */
const RANK: Record<Permission, number> = {
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
};

export function hasAtLeast(actual: Permission, required: Permission): boolean {
  return RANK[actual] >= RANK[required];
}

/** Commands that change nothing need no permission at all. */
const READ_ONLY: readonly CommandName[] = ["help", "unknown"];

export function requiredPermission(
  name: CommandName,
  configured: Partial<Record<string, Permission>>,
): Permission {
  if (READ_ONLY.includes(name)) return "none";
  return configured[name] ?? configured.default ?? "write";
}
