import type { ServerSettings } from "../../config/env.js";
import { SettingsError } from "../../config/settings-error.js";
import { acceleratedClock, systemClock, type Clock } from "../../ports/clock.js";
import { fileClock } from "./file-clock.js";

/** Real time, unless a drill or test asked for a stepped (file) or an accelerated clock. */
export function clockFromSettings(
  settings: Pick<ServerSettings, "clockFile" | "clockSpeed" | "clockEpoch">,
  warn: (message: string) => void,
): Clock & { stop?(): void } {
  if (settings.clockFile) {
    try {
      return fileClock(settings.clockFile, warn);
    } catch (error) {
      throw new SettingsError((error as Error).message);
    }
  }
  if (settings.clockSpeed > 1)
    return acceleratedClock(settings.clockSpeed, new Date(settings.clockEpoch ?? Date.now()));
  return systemClock;
}
