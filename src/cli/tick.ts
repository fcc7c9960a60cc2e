import { runtimeDeps } from "../app/runtime-deps.js";
import { remoteFailure } from "./remote-errors.js";
import { clockFromSettings } from "../adapters/clock/from-settings.js";
import { loadGithubConfig } from "../adapters/github/config-source.js";
import { createGithubForge } from "../adapters/github/forge.js";
import { tokenOctokit } from "../adapters/github/token-octokit.js";
import { tokenUserLogin, trustingCommentsBy } from "../adapters/github/token-user.js";
import { gitlabBotUsername } from "../adapters/gitlab/bot-user.js";
import { createGitlabClient } from "../adapters/gitlab/client.js";
import { loadGitlabConfig } from "../adapters/gitlab/config-source.js";
import { createGitlabForge } from "../adapters/gitlab/forge.js";
import { createConfigCache } from "../app/config-cache.js";
import { runEventJob } from "../app/event-jobs.js";
import type { HandleEventDeps } from "../app/handle-event.js";
import { createOneShotRuntime } from "../app/one-shot.js";
import { runRepositoryPass } from "../app/repository-pass.js";
import type { Logger, Runtime } from "../app/runtime.js";
import { OneShotEnv, readNotifierSettings } from "../config/env.js";
import { SettingsError } from "../config/settings-error.js";
import { githubTarget, gitlabTarget, gitlabUrlOf, platformOf } from "./connect.js";
import { parseFlags } from "./flags.js";
import { repoNameProblem } from "./remote.js";
import { TICK_USAGE } from "./tick-usage.js";

type Env = Record<string, string | undefined>;
type Flags = ReturnType<typeof parseFlags>;

/** `sevbot tick`: one scheduler pass for a GitHub repository or a GitLab project. */
export async function runTick(
  args: string[],
  env: Env,
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const flags = parseFlags(args, ["token", "api", "gitlab"]);
  if ("help" in flags) return (out(TICK_USAGE), 0);
  const platform = platformOf(flags);
  const problem = repoNameProblem("tick", flags._, platform);
  if (problem) return (err(`${problem}\n\n${TICK_USAGE}`), 2);
  const parsed = OneShotEnv.safeParse(env);
  if (!parsed.success)
    throw new SettingsError(
      `Invalid environment:\n${parsed.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`).join("\n")}`,
    );
  let failures = 0;
  const log: Logger = {
    info: out,
    warn: (message) => err(`warning: ${message}`),
    error: (message) => (failures++, err(`error: ${message}`)),
  };
  const values = parsed.data;
  const clock = clockFromSettings(
    { clockSpeed: 1, ...(values.SEVBOT_CLOCK_FILE ? { clockFile: values.SEVBOT_CLOCK_FILE } : {}) },
    log.warn,
  );
  const { runtime, settle } = createOneShotRuntime(clock, log, readNotifierSettings(values));
  // A request that failed says which host and which flag changes it (remote-errors.ts).
  const target = {
    platform,
    url: platform === "github" ? githubTarget(flags, env).api : gitlabUrlOf(flags, env),
  };
  const explain = (error: unknown) => remoteFailure(error, target);
  try {
    const deps =
      platform === "github"
        ? await githubDeps(flags, env, runtime, values.SEVBOT_WRITE_INTERVAL_MS)
        : await gitlabDeps(flags, env, runtime);
    // A notifier's final failure comes back as a job, for the incident's timeline.
    runtime.events.handle(platform, (job) => runEventJob(runtime, deps, job));
    const actions = await runRepositoryPass(deps, {
      repo: flags._,
      onError: (where, error) => log.error(`${where}: ${explain(error)}`),
    });
    await settle();
    out(
      `${flags._}: scheduler pass done, ${actions} action(s)${failures ? `, ${failures} error(s)` : ""}`,
    );
  } catch (error) {
    // The forge could not be reached or refused the token: say so, without a stack trace.
    if (error instanceof SettingsError) throw error;
    log.error(`${flags._}: ${explain(error)}`);
  } finally {
    (clock as { stop?: () => void }).stop?.();
  }
  return failures > 0 ? 1 : 0;
}

async function githubDeps(
  flags: Flags,
  env: Env,
  runtime: Runtime,
  writeIntervalMs: number,
): Promise<HandleEventDeps> {
  const { api, token } = githubTarget(flags, env);
  if (!token)
    throw new SettingsError(
      "GitHub needs a token: pass --token or set GITHUB_TOKEN (issues: write on the repository and its tracker).",
    );
  const octokit = tokenOctokit({ token, baseUrl: api, writeIntervalMs, warn: runtime.log.warn });
  const forge = trustingCommentsBy(createGithubForge(octokit), await tokenUserLogin(octokit));
  const cache = createConfigCache(60_000);
  return {
    ...runtimeDeps(runtime, { platform: "github" }),
    forge,
    loadConfig: (repo) => loadGithubConfig(octokit, repo, cache, performance.now()),
    // A pass beside a server shares no lock with it.
    guardLogWrites: true,
  };
}

async function gitlabDeps(flags: Flags, env: Env, runtime: Runtime): Promise<HandleEventDeps> {
  const { url, token } = gitlabTarget(flags, env);
  const api = createGitlabClient({ host: url, token });
  const botUsername = await gitlabBotUsername(api, 1).catch((error: Error) => {
    throw new SettingsError(error.message);
  });
  const forge = createGitlabForge(api, { botUsername, userIds: new Map(), log: runtime.log.warn });
  const cache = createConfigCache(60_000);
  return {
    ...runtimeDeps(runtime, { platform: "gitlab" }),
    forge,
    loadConfig: (project) => loadGitlabConfig(forge, project, cache, performance.now()),
    guardLogWrites: true,
  };
}
