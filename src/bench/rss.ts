import { readFileSync } from "node:fs";

/** Peak resident set size of a process, in MiB (Linux: VmHWM in /proc/<pid>/status). */
export function peakRssMiB(pid: number | undefined): number | undefined {
  return statusMiB(pid, "VmHWM");
}

/** Resident set size of a process now, in MiB (VmRSS). */
export function rssMiB(pid: number | undefined): number | undefined {
  return statusMiB(pid, "VmRSS");
}

function statusMiB(pid: number | undefined, field: string): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** RSS sampled every `everyMs` until stopped: the highest sample, and the last. */
export function sampleRss(pid: number | undefined, everyMs = 100) {
  let peak: number | undefined;
  let last: number | undefined;
  const take = () => {
    last = rssMiB(pid);
    if (last !== undefined && (peak === undefined || last > peak)) peak = last;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak, last };
    },
  };
}

export interface RssAfter {
  /** RSS this long after the flood ended. */
  afterMiB: number | undefined;
  /** Seconds after the flood until RSS first fell under `underMiB`, if it did. */
  underAtS: number | undefined;
}

/** Watches RSS for `seconds` after a flood: where it ends, and when it fell under `underMiB`. */
export async function rssAfter(
  pid: number | undefined,
  seconds: number,
  underMiB: number,
): Promise<RssAfter> {
  const started = performance.now();
  let underAtS: number | undefined;
  while (performance.now() - started < seconds * 1000) {
    const now = rssMiB(pid);
    if (underAtS === undefined && now !== undefined && now < underMiB)
      underAtS = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { afterMiB: rssMiB(pid), underAtS };
}
