import type { GitlabApi } from "./client.js";

/**
 * sevbot acts as its token's user; notes by that user are its own. Looked up once at start
 * (GET /user), with a few tries so a GitLab hiccup during a deploy does not stop the server.
 */
export async function gitlabBotUsername(
  api: GitlabApi,
  attempts = 3,
  waitMs = 1000,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const user = (await api.Users.showCurrentUser()) as { username: string };
      return user.username;
    } catch (error) {
      if (attempt >= attempts)
        throw new Error(
          `could not read the GitLab token's user (GET /api/v4/user): ${(error as Error).message}. Check GITLAB_URL and GITLAB_TOKEN, or set GITLAB_BOT_USERNAME.`,
        );
      await new Promise((resolve) => setTimeout(resolve, waitMs * attempt));
    }
  }
}
