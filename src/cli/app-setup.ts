import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { run } from "probot";
import { SettingsError } from "../config/settings-error.js";

type Env = Record<string, string | undefined>;

/** Neither a GitHub App nor GitLab is set up: Probot's set-up flow registers the App instead. */
export function needsAppSetup(env: Env): boolean {
  return !env.APP_ID && !env.GITLAB_TOKEN;
}

/**
 * The `.env` in the working directory (where Probot's set-up flow writes the App's id, key and
 * secret), under the environment: a variable set explicitly wins over the file.
 */
export function withDotEnv(env: Env, cwd: string): Env {
  let text: string;
  try {
    text = readFileSync(join(cwd, ".env"), "utf8");
  } catch {
    return env;
  }
  return { ...parseEnv(text), ...env };
}

/**
 * Probot's own set-up page (`/probot`): it offers to register a GitHub App from `app.yml`, trades
 * the code GitHub hands back for the App's credentials and writes them to `.env`; restart after.
 * Probot refuses this in production, and so does sevbot, with the variables to set instead.
 */
export async function startAppSetup(env: Env): Promise<void> {
  if (env.NODE_ENV === "production")
    throw new SettingsError(
      "APP_ID is not set. Set APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET for the GitHub App, or GITLAB_TOKEN and GITLAB_WEBHOOK_SECRET for GitLab. Without NODE_ENV=production, `npm start` serves Probot's set-up page, which registers the App from app.yml and writes .env.",
    );
  // Probot would open a smee.io channel (fetching smee-client with npx) for a webhook proxy that
  // sevbot does not use: the App's webhook URL is app.yml's. Probot reads this from process.env.
  process.env.NO_SMEE_SETUP ??= "true";
  await run(() => undefined, {
    env: { ...env, HOST: env.HOST ?? "127.0.0.1" } as NodeJS.ProcessEnv,
  });
}
