import { z } from "zod";
import type { NotifierSettings } from "../adapters/notify/from-env.js";
import { OneShotEnv, readNotifierSettings } from "../config/env.js";
import { SettingsError } from "../config/settings-error.js";

const UNSET = "is not set: sevbot runs as a step of a GitHub Actions workflow (action.yml)";

/**
 * What GitHub Actions hands the Action: the event (name and payload file), the repository, the
 * API URL, and the inputs as `INPUT_<NAME>` (upper-cased, hyphens kept). An input left empty
 * arrives as an empty string.
 */
const ActionEnv = OneShotEnv.extend({
  GITHUB_EVENT_NAME: z.string({ error: UNSET }),
  GITHUB_EVENT_PATH: z.string({ error: UNSET }),
  GITHUB_REPOSITORY: z.string({ error: UNSET }).regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/repo"),
  GITHUB_API_URL: z.url().default("https://api.github.com"),
  "INPUT_GITHUB-TOKEN": z.string({
    error: "(the github-token input) is empty: pass ${{ github.token }} or another token",
  }),
  "INPUT_TRACKER-TOKEN": z.string().optional(),
  "INPUT_CONFIG-PATH": z.string().optional(),
});

export interface ActionSettings {
  eventName: string;
  eventPath: string;
  repository: string;
  apiUrl: string;
  token: string;
  /** For a tracker in another repository, which the workflow's own token cannot write to. */
  trackerToken?: string;
  configPath: string;
  logLevel: z.infer<typeof ActionEnv>["LOG_LEVEL"];
  writeIntervalMs: number;
  clockFile?: string;
  notifiers: NotifierSettings;
}

export function readActionSettings(env: Record<string, string | undefined>): ActionSettings {
  // Empty optional inputs mean "not given".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = ActionEnv.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".")} ${issue.message}`);
    throw new SettingsError(`the Action cannot start:\n${lines.join("\n")}`);
  }
  const values = parsed.data;
  return {
    eventName: values.GITHUB_EVENT_NAME,
    eventPath: values.GITHUB_EVENT_PATH,
    repository: values.GITHUB_REPOSITORY,
    apiUrl: values.GITHUB_API_URL.replace(/\/+$/, ""),
    token: values["INPUT_GITHUB-TOKEN"],
    ...(values["INPUT_TRACKER-TOKEN"] ? { trackerToken: values["INPUT_TRACKER-TOKEN"] } : {}),
    configPath: values["INPUT_CONFIG-PATH"] ?? ".github/sevbot.yml",
    logLevel: values.LOG_LEVEL,
    writeIntervalMs: values.SEVBOT_WRITE_INTERVAL_MS,
    ...(values.SEVBOT_CLOCK_FILE ? { clockFile: values.SEVBOT_CLOCK_FILE } : {}),
    notifiers: readNotifierSettings(values),
  };
}
