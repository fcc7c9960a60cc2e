import { issueKey, type IssueRef } from "../core/model.js";

/**
 * Proof that no earlier attempt can have opened a log issue for a source issue, so the first
 * declaration may skip the search for one (a declaration then costs 1 read + 3 writes).
 *
 * A token is minted when sevbot sees an issue being opened (nothing can have been created for an
 * issue before it existed). Every attempt to create a log spends the token first, atomically, and
 * leaves a tombstone: only the attempt that got the token skips the search; a retry after a crash
 * between the log and the checklist, on any replica, finds the tombstone and searches. A token
 * that is missing for any reason (a restart, Redis flushed, an expired key, an issue opened before
 * sevbot ran) only costs that search.
 *
 * A store vouches only for issues created after it began keeping tombstones (`since`): after a
 * restart without Redis, or Redis losing its data, a redelivered `opened` event of an older issue
 * must not mint, since a tombstone of its crashed declaration may be what was lost.
 */
export interface DeclarationTokens {
  /**
   * An issue was opened (`createdAt` from the forge): mint its token unless one was minted or
   * spent before, or the delivery is too late to prove anything (see `mayMint`).
   */
  mint(source: IssueRef, createdAt: string | undefined): Promise<void>;
  /**
   * Before creating a log issue (in `tracker`, remembered with the tombstone): true only for the
   * first attempt after a mint.
   */
  spend(source: IssueRef, tracker?: string): Promise<boolean>;
  /**
   * The trackers attempts to declare on `source` opened logs in (as `spend` was told): a retry
   * looks there even when `tracker.repository` changed in between.
   */
  trackers(source: IssueRef): Promise<string[]>;
}

/** An `opened` delivery later than this after the issue was created mints nothing (a redelivery). */
export const MINT_WINDOW_MS = 60 * 60_000;
/** Tolerated skew between the forge's clock and this machine's. */
const SKEW_MS = 5 * 60_000;
/** Tokens that were never spent expire: an old token would only be a search saved. */
export const TOKEN_TTL_MS = 24 * 60 * 60_000;
/** Tombstones outlive any mint window by far, so a late `opened` cannot mint again. */
export const TOMBSTONE_TTL_MS = 30 * 24 * 60 * 60_000;

/**
 * Whether an `opened` event may mint: the issue was created after the store began (`sinceMs`) and
 * the event is young, by this machine's wall clock (not the incident clock, which the demo
 * accelerates) against the forge's creation time.
 */
export function mayMint(createdAt: string | undefined, nowMs: number, sinceMs: number): boolean {
  if (!createdAt) return false;
  const created = Date.parse(createdAt);
  const age = nowMs - created;
  return created > sinceMs && age <= MINT_WINDOW_MS && age >= -SKEW_MS;
}

/**
 * One process: tokens and tombstones in memory. At `maxEntries` it mints no more (declarations
 * then search) rather than forget a tombstone; tombstones, one per issue declared on, expire.
 */
export function createLocalDeclarationTokens(
  options: { maxEntries?: number; now?: () => number; since?: number } = {},
): DeclarationTokens {
  const { maxEntries = 100_000, now = () => Date.now() } = options;
  const since = options.since ?? now();
  const entries = new Map<string, { spent: boolean; until: number; trackers?: string[] }>();
  let prunedAt = 0;
  // A full scan at most once a minute: a flood of opened issues on a full store stays cheap.
  const prune = (at: number) => {
    if (at - prunedAt < 60_000) return;
    prunedAt = at;
    for (const [key, entry] of entries) if (entry.until <= at) entries.delete(key);
  };
  return {
    async mint(source, createdAt) {
      const at = now();
      if (!mayMint(createdAt, at, since)) return;
      const key = issueKey(source);
      const entry = entries.get(key);
      if (entry && entry.until > at) return;
      if (entries.size >= maxEntries) prune(at);
      if (entries.size >= maxEntries) return;
      entries.set(key, { spent: false, until: at + TOKEN_TTL_MS });
    },
    async spend(source, tracker) {
      const at = now();
      const key = issueKey(source);
      const entry = entries.get(key);
      const alive = entry !== undefined && entry.until > at;
      const earlier = alive ? (entry.trackers ?? []) : [];
      const trackers = tracker && !earlier.includes(tracker) ? [...earlier, tracker] : earlier;
      entries.delete(key); // re-inserted last: the oldest entries are pruned first
      entries.set(key, { spent: true, until: at + TOMBSTONE_TTL_MS, trackers });
      return alive && !entry.spent;
    },
    async trackers(source) {
      const entry = entries.get(issueKey(source));
      return entry && entry.until > now() ? (entry.trackers ?? []) : [];
    },
  };
}
