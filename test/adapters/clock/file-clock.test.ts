import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { clockFromSettings } from "../../../src/adapters/clock/from-settings.js";
import { fileClock } from "../../../src/adapters/clock/file-clock.js";
import { SettingsError } from "../../../src/config/settings-error.js";

describe("file clock (time stepped by a test or drill harness)", () => {
  const dir = mkdtempSync(join(tmpdir(), "sevbot-clock-"));
  const path = join(dir, "now");
  const stops: Array<() => void> = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stands still between steps and follows the file when it is rewritten", async () => {
    writeFileSync(path, "2026-12-01T10:00:00Z\n");
    const clock = fileClock(path, () => {}, 10);
    stops.push(clock.stop);
    const first = clock.now().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(clock.now().toISOString()).toBe(first);
    expect(first).toBe("2026-12-01T10:00:00.000Z");
    writeFileSync(path, "2026-12-01T10:07:00Z");
    await vi.waitFor(() => expect(clock.now().toISOString()).toBe("2026-12-01T10:07:00.000Z"), {
      timeout: 2_000,
      interval: 10,
    });
  });

  it("keeps the last good time when the file is garbled, and says so once", async () => {
    writeFileSync(path, "2026-12-01T10:00:00Z");
    const warnings: string[] = [];
    const clock = fileClock(path, (message) => warnings.push(message), 10);
    stops.push(clock.stop);
    writeFileSync(path, "next tuesday");
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(clock.now().toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("not an ISO instant");
    writeFileSync(path, "2026-12-01T11:00:00Z");
    await vi.waitFor(() => expect(clock.now().toISOString()).toBe("2026-12-01T11:00:00.000Z"), {
      timeout: 2_000,
      interval: 10,
    });
  });

  it("refuses to start on a missing file with a settings error that names it", () => {
    const missing = join(dir, "missing");
    expect(() => clockFromSettings({ clockFile: missing, clockSpeed: 1 }, () => {})).toThrow(
      SettingsError,
    );
    expect(() => clockFromSettings({ clockFile: missing, clockSpeed: 1 }, () => {})).toThrow(
      missing,
    );
  });

  it("is chosen over an accelerated clock, which is chosen over real time", () => {
    writeFileSync(path, "2030-01-01T00:00:00Z");
    const stepped = clockFromSettings({ clockFile: path, clockSpeed: 60 }, () => {});
    stops.push(() => stepped.stop?.());
    expect(stepped.now().toISOString()).toBe("2030-01-01T00:00:00.000Z");
    const epoch = new Date(Date.now() - 60_000).toISOString();
    const accelerated = clockFromSettings({ clockSpeed: 60, clockEpoch: epoch }, () => {})
      .now()
      .getTime();
    expect(accelerated - Date.now()).toBeGreaterThan(3_000_000); // a real minute since the epoch is an hour simulated
    expect(
      Math.abs(
        clockFromSettings({ clockSpeed: 1 }, () => {})
          .now()
          .getTime() - Date.now(),
      ),
    ).toBeLessThan(1_000);
  });
});
