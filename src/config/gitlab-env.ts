import { z } from "zod";
import { SettingsError } from "./settings-error.js";

/** GitLab's variables; GitLab is served when GITLAB_TOKEN is set. */
export const GitlabEnv = z.object({
  /** The GitLab instance (self-managed or gitlab.com); the API is under /api/v4. */
  GITLAB_URL: z.url().default("https://gitlab.com"),
  /** A project, group or personal access token with the `api` scope; sevbot acts as its user. */
  GITLAB_TOKEN: z.string().min(1).optional(),
  /** The secret token set on the project's or group's webhook, sent back as X-Gitlab-Token. */
  GITLAB_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** The token user's username, when it should not be looked up at start (GET /user). */
  GITLAB_BOT_USERNAME: z.string().min(1).optional(),
  /** Comma-separated projects (group/name) whose trackers the scheduler ticks, besides those seen in webhooks. */
  GITLAB_PROJECTS: z.string().default(""),
  /** GitLab.com's documented per-user limits; a self-managed instance may allow more. */
  GITLAB_NOTES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  GITLAB_ISSUES_PER_MINUTE: z.coerce.number().int().min(1).default(200),
});

export interface GitlabSettings {
  url: string;
  token: string;
  webhookSecret: string;
  botUsername?: string;
  projects: string[];
  notesPerMinute: number;
  issuesPerMinute: number;
}

export function readGitlabSettings(values: z.infer<typeof GitlabEnv>): GitlabSettings | undefined {
  if (!values.GITLAB_TOKEN) return undefined;
  if (!values.GITLAB_WEBHOOK_SECRET) {
    throw new SettingsError(
      "GITLAB_WEBHOOK_SECRET is not set. sevbot refuses to serve GitLab without it: anyone could send it forged webhooks. Set it to the secret token of the GitLab webhook.",
    );
  }
  return {
    url: values.GITLAB_URL.replace(/\/+$/, ""),
    token: values.GITLAB_TOKEN,
    webhookSecret: values.GITLAB_WEBHOOK_SECRET,
    ...(values.GITLAB_BOT_USERNAME ? { botUsername: values.GITLAB_BOT_USERNAME } : {}),
    projects: values.GITLAB_PROJECTS.split(",")
      .map((project) => project.trim())
      .filter(Boolean),
    notesPerMinute: values.GITLAB_NOTES_PER_MINUTE,
    issuesPerMinute: values.GITLAB_ISSUES_PER_MINUTE,
  };
}
