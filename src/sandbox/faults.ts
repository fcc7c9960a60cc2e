/** Fault injection, deterministic per seed, switchable per run. */
export type FaultKind =
  | "5xx"
  | "5xx-after-write"
  | "rate-limit"
  | "slow"
  | "drop-webhook"
  | "duplicate-webhook"
  | "reorder-webhook";

export interface FaultOptions {
  seed: number;
  /** Probability (0..1) that a request or delivery gets one of the enabled faults. */
  rate: number;
  kinds: FaultKind[];
  slowMs?: number;
}

const REQUEST_FAULTS: FaultKind[] = ["5xx", "5xx-after-write", "rate-limit", "slow"];
const DELIVERY_FAULTS: FaultKind[] = ["drop-webhook", "duplicate-webhook", "reorder-webhook"];

export interface FaultInjector {
  forRequest(isWrite: boolean): FaultKind | undefined;
  forDelivery(): FaultKind | undefined;
  counts: Record<string, number>;
  /** How long a `slow` response takes. */
  slowMs: number;
}

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed with its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaultInjector(options: FaultOptions | undefined): FaultInjector {
  const counts: Record<string, number> = {};
  const slowMs = options?.slowMs ?? 1500;
  if (!options || options.rate <= 0)
    return { forRequest: () => undefined, forDelivery: () => undefined, counts, slowMs };
  const next = random(options.seed);
  const pick = (candidates: FaultKind[]): FaultKind | undefined => {
    if (candidates.length === 0 || next() >= options.rate) return undefined;
    const kind = candidates[Math.floor(next() * candidates.length)]!;
    counts[kind] = (counts[kind] ?? 0) + 1;
    return kind;
  };
  return {
    counts,
    slowMs,
    forRequest: (isWrite) =>
      pick(
        options.kinds.filter(
          (kind) => REQUEST_FAULTS.includes(kind) && (isWrite || kind !== "5xx-after-write"),
        ),
      ),
    forDelivery: () => pick(options.kinds.filter((kind) => DELIVERY_FAULTS.includes(kind))),
  };
}
