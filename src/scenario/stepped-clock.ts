import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The harness's side of SEVBOT_CLOCK_FILE: time stands still for every server reading `path`
 * until `advance` steps it. What falls due is then decided by the script, not by how busy the
 * machine was.
 */
export interface SteppedClock {
  path: string;
  now(): Date;
  advance(minutes: number): void;
  remove(): void;
}

export function steppedClock(start = new Date()): SteppedClock {
  const dir = mkdtempSync(join(tmpdir(), "sevbot-clock-"));
  const path = join(dir, "now");
  let now = start;
  // Written whole and renamed into place, so a reader never sees half an instant.
  const write = () => {
    writeFileSync(`${path}.next`, now.toISOString());
    renameSync(`${path}.next`, path);
  };
  write();
  return {
    path,
    now: () => now,
    advance(minutes) {
      now = new Date(now.getTime() + minutes * 60_000);
      write();
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
