import { statusOf } from "../../app/http-status.js";
import type { Forge } from "../../ports/forge.js";
import type { GithubOctokit } from "./forge.js";

/**
 * Who a personal token acts as (`GET /user`). An App's installation token has no user (GitHub
 * answers 403) and needs none: its comments are a bot's already.
 */
export async function tokenUserLogin(octokit: GithubOctokit): Promise<string | undefined> {
  try {
    const { data } = await octokit.request("GET /user");
    return (data as { login: string }).login;
  } catch (error) {
    if (statusOf(error) === 403) return undefined;
    throw error;
  }
}

/**
 * sevbot acting with a person's token writes as that person; its own comments must still count
 * as sevbot's (their markers are trusted only on bots' comments), or every reminder would be
 * posted again on the next pass. The same rule as GitLab's: the token's user is the bot.
 */
export function trustingCommentsBy(forge: Forge, login: string | undefined): Forge {
  if (!login) return forge;
  return {
    ...forge,
    listComments: async (ref) =>
      (await forge.listComments(ref)).map((comment) =>
        comment.author === login ? { ...comment, byBot: true } : comment,
      ),
  };
}
