import { SettingsError } from "../config/settings-error.js";
import { GITLAB_SANDBOX_TOKEN, type Sandbox } from "../sandbox/index.js";
import { connectGithub } from "./github-remote.js";
import { connectGitlab } from "./gitlab-remote.js";
import type { Platform, Remote } from "./remote.js";
import { guardRemote } from "./remote-errors.js";

type Flags = Record<string, string | undefined>;

/** `--gitlab [URL]` (a real instance) or `--platform gitlab` (the sandbox) pick GitLab; GitHub is the default. */
export function platformOf(flags: Flags): Platform {
  if ("gitlab" in flags || flags.platform === "gitlab") return "gitlab";
  if (flags.platform !== undefined && flags.platform !== "github")
    throw new SettingsError(`--platform must be github or gitlab, not "${flags.platform}".`);
  return "github";
}

/** Where GitHub's API is and the token to use: the flags, then the environment, then api.github.com. */
export function githubTarget(flags: Flags, env: Record<string, string | undefined>) {
  return {
    api: flags.api ?? env.GITHUB_API_URL ?? "https://api.github.com",
    token: flags.token ?? env.GITHUB_TOKEN,
  };
}

/** The GitLab instance and token: the flags, then the environment, then gitlab.com. */
export function gitlabTarget(flags: Flags, env: Record<string, string | undefined>) {
  const url = gitlabUrlOf(flags, env);
  const token = flags.token ?? env.GITLAB_TOKEN;
  if (!token)
    throw new SettingsError(
      "GitLab needs a token: pass --token or set GITLAB_TOKEN (a personal, project or group access token with the api scope).",
    );
  return { url, token };
}

/** The GitLab instance: `--gitlab URL`, else GITLAB_URL, else gitlab.com. */
export function gitlabUrlOf(flags: Flags, env: Record<string, string | undefined>): string {
  // A bare `--gitlab` parses as "true" or nothing: then GITLAB_URL says where.
  return /^https?:\/\//.test(flags.gitlab ?? "")
    ? flags.gitlab!
    : (env.GITLAB_URL ?? "https://gitlab.com");
}

/** The repository or project named by the flags, falling back to the environment, then the public instance. */
export function remoteFromFlags(flags: Flags, env: Record<string, string | undefined>): Remote {
  if (platformOf(flags) === "github") {
    const target = githubTarget(flags, env);
    return guardRemote(connectGithub(target), { platform: "github", url: target.api });
  }
  const target = gitlabTarget(flags, env);
  return guardRemote(connectGitlab(target), { platform: "gitlab", url: target.url });
}

/** The sandbox's own API, read like a real forge (the sandbox acts as sevbot's token user). */
export function remoteForSandbox(sandbox: Sandbox): Remote {
  return sandbox.platform === "gitlab"
    ? connectGitlab({ url: sandbox.url, token: GITLAB_SANDBOX_TOKEN })
    : connectGithub({ api: sandbox.apiUrl });
}
