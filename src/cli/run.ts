import { SettingsError } from "../config/env.js";
import { UsageError } from "./flags.js";
import { startServer } from "../main.js";
import { printSchema } from "./schema.js";
import { TICK_USAGE } from "./tick-usage.js";

const USAGE = `sevbot — incident response in your issue tracker (GitHub and GitLab)

Usage:
  sevbot serve          run the server: GitHub App (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, ...)
                        and/or GitLab (GITLAB_TOKEN, GITLAB_WEBHOOK_SECRET, GITLAB_URL, ...);
                        with neither, Probot's set-up page registers the App and writes .env
  sevbot demo [file] [--platform github|gitlab]
                        play a scenario (default: a Sev-1) against a local sandbox forge
  sevbot simulate --severity N [--component C] [--config F] [--at ISO]
                        print the escalation plan and who is on call
  sevbot init <owner/repo> [--token T] [--api URL] [--write DIR]
  sevbot init <group/project> --gitlab URL [--token T] [--write DIR]
                        create sevbot's labels (idempotent), optionally templates and config
  sevbot tick <owner/repo> [--token T] [--api URL]
  sevbot tick <group/project> --gitlab URL [--token T]
                        one scheduler pass (escalations, reminders), for cron or a
                        scheduled pipeline; safe beside a server
  sevbot drill [file] [--platform github|gitlab]
  sevbot drill [file] --repo owner/name --token T [--api URL] [--settle S]
  sevbot drill [file] --repo group/project --gitlab URL --token T [--settle S]
                        a tabletop drill on the sandbox (or a real repository or project),
                        ending with a drill report
  sevbot report <owner/repo> [--token T] [--api URL] [--since 90d] [--html file]
  sevbot report <group/project> --gitlab URL [--token T] [--since 90d] [--html file]
                        MTTA, MTTR, status-update compliance, post-mortems per severity
  sevbot validate [file] check a config file; prints every error with its path
  sevbot schema         print the JSON Schema of .github/sevbot.yml and .gitlab/sevbot.yml
  sevbot help [command] this text, or one command's

Every command answers --help (or -h) with its own usage.
Tokens: --token, else GITHUB_TOKEN (GitHub) or GITLAB_TOKEN (GitLab, api scope).
GitLab URL: --gitlab URL, else GITLAB_URL, else https://gitlab.com.`;

const TOKENS = `Tokens: --token, else GITHUB_TOKEN (GitHub) or GITLAB_TOKEN (GitLab, api scope).
GitLab URL: --gitlab URL, else GITLAB_URL, else https://gitlab.com.`;

/** Each command's own usage, for `sevbot <command> --help` and `sevbot help <command>`. */
const COMMAND_USAGE: Record<string, string> = {
  serve: `Usage: sevbot serve

Runs the server. GitHub App: APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET.
GitLab: GITLAB_URL, GITLAB_TOKEN, GITLAB_WEBHOOK_SECRET. Both can be on at once.
Optional: PORT, HOST, REDIS_URL (replicas), SEVBOT_CONFIG_TTL_SECONDS, SEVBOT_TICK_SECONDS,
and the notifiers (SLACK_*, SEVBOT_WEBHOOK_*, PAGERDUTY_*, SMTP_*): see the README.
A .env file in the working directory is read too; the environment wins over it. With neither
the App nor GitLab set up (and NODE_ENV not production), serves Probot's set-up page instead:
it registers the GitHub App from app.yml and writes its id, key and secret to .env.`,
  demo: `Usage: sevbot demo [scenario.yml] [--platform github|gitlab]

Plays a scenario (a file, or a shipped one by name; default: sev1-pagerduty-ack, a Sev-1
acknowledged from the PagerDuty app; sev1-checkout-outage is acknowledged on the issue) against
a local sandbox forge with the real sevbot server pointed at it, then prints the issue threads.
Needs no network or token.`,
  simulate: `Usage: sevbot simulate [--severity 1|2|3|4] [--component C] [--config FILE] [--at ISO-TIME]

Prints the escalation plan as a timeline (who is told, where, at which minute) and who is on
call at --at (default now). The config is FILE, else .github/sevbot.yml, else .gitlab/sevbot.yml.`,
  init: `Usage: sevbot init <owner/repo> [--token T] [--api URL] [--config FILE] [--write DIR]
       sevbot init <group/project> --gitlab URL [--token T] [--config FILE] [--write DIR]

Creates or fixes sevbot's labels (a second run changes nothing). --config takes the label
spellings from a config file; --write DIR adds the issue templates and a starter config to a
checkout, and on GitHub the workflow that runs sevbot as a GitHub Action
(.github/workflows/sevbot.yml). --api URL is GitHub Enterprise's API (https://HOST/api/v3).

${TOKENS}`,
  drill: `Usage: sevbot drill [scenario.yml] [--platform github|gitlab]
       sevbot drill [scenario.yml] --repo owner/name --token T [--api URL] [--settle S]
       sevbot drill [scenario.yml] --repo group/project --gitlab URL --token T [--settle S]

A tabletop drill: the scenario's issues carry the drill label and only its participants are
notified; ends with a drill report. On the local sandbox unless --repo names a repository
where sevbot is installed (steps run as the token's user, --settle seconds apart). The scenario
is a file or a shipped one by name (default: sev1-checkout-outage).

${TOKENS}`,
  report: `Usage: sevbot report <owner/repo> [--token T] [--api URL] [--since 90d|12w|6m|YYYY-MM-DD] [--html FILE]
       sevbot report <group/project> --gitlab URL [--token T] [--since …] [--html FILE]

MTTA, time to mitigate, MTTR, status-update compliance and post-mortem completion per severity,
as Markdown (and a self-contained page with --html). Reads the repository's sevbot config
(.github/sevbot.yml or .gitlab/sevbot.yml) for its tracker, log label and cadences.

${TOKENS}`,
  tick: TICK_USAGE,
  validate: `Usage: sevbot validate [FILE]

Checks a config file (default .github/sevbot.yml, else .gitlab/sevbot.yml) exactly as the server
reads it: every error with its path and what is allowed. Exit 0 when valid, 1 when not, 2 when
the file cannot be read.`,
  schema: `Usage: sevbot schema

Prints the JSON Schema of .github/sevbot.yml and .gitlab/sevbot.yml (for editor completion).`,
  help: `Usage: sevbot help [command]`,
};

const wantsHelp = (args: string[]) => args.includes("--help") || args.includes("-h");

/** Dispatches a CLI command; returns the exit code. No stack trace reaches the user. */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const [command = "help", ...rest] = args;
  if (command !== "help" && command in COMMAND_USAGE && wantsHelp(rest)) {
    console.log(COMMAND_USAGE[command]);
    return 0;
  }
  try {
    return await dispatch(command, rest, env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`sevbot ${command}: ${error.message}\n\n${COMMAND_USAGE[command] ?? USAGE}`);
      return 2;
    }
    if (error instanceof SettingsError) {
      console.error(`sevbot ${command}: ${error.message}`);
      return 1;
    }
    console.error(
      `sevbot ${command}: ${String((error as Error)?.message ?? error).split("\n")[0]}` +
        (env.SEVBOT_DEBUG ? `\n${(error as Error)?.stack ?? ""}` : " (SEVBOT_DEBUG=1 shows where)"),
    );
    return 1;
  }
}

/** `serve` and `schema` take no arguments: a flag meant for another tool must not pass silently. */
function noArguments(command: string, args: string[], why: string): number {
  console.error(
    `sevbot ${command} takes no arguments (${why}); got ${args.join(" ")}.\n\n${COMMAND_USAGE[command]}`,
  );
  return 2;
}

async function dispatch(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  switch (command) {
    case "serve": {
      if (args.length > 0) return noArguments("serve", args, "settings come from the environment");
      const { needsAppSetup, startAppSetup, withDotEnv } = await import("./app-setup.js");
      const settings = withDotEnv(env, process.cwd());
      if (needsAppSetup(settings)) await startAppSetup(settings);
      else await startServer(settings);
      return 0;
    }
    case "demo": {
      const { runDemo } = await import("./demo.js");
      return await runDemo(args, env);
    }
    case "simulate": {
      const { runSimulate } = await import("./simulate.js");
      return runSimulate(args);
    }
    case "init": {
      const { runInit } = await import("./init.js");
      return await runInit(args, env);
    }
    case "tick": {
      const { runTick } = await import("./tick.js");
      return await runTick(args, env);
    }
    case "drill": {
      const { runDrill } = await import("./drill.js");
      return await runDrill(args, console.log, env);
    }
    case "report": {
      const { runReport } = await import("./report.js");
      return await runReport(args, env);
    }
    case "validate": {
      const { runValidate } = await import("./validate.js");
      return runValidate(args);
    }
    case "schema":
      if (args.length > 0) return noArguments("schema", args, "it prints the schema as JSON");
      printSchema();
      return 0;
    case "help":
    case "--help":
    case "-h": {
      const topic = args.find((arg) => arg in COMMAND_USAGE && arg !== "help");
      console.log(topic ? COMMAND_USAGE[topic] : USAGE);
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}
