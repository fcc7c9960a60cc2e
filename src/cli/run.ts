import { SettingsError } from "../config/env.js";
import { startServer } from "../main.js";
import { printSchema } from "./schema.js";

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
                        scheduled pipeline; safe beside a server (sevbot tick --help)
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
  sevbot help           this text

Tokens: --token, else GITHUB_TOKEN (GitHub) or GITLAB_TOKEN (GitLab, api scope).
GitLab URL: --gitlab URL, else GITLAB_URL, else https://gitlab.com.`;

/** Dispatches a CLI command; returns the exit code. */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const [command = "help"] = args;
  try {
    switch (command) {
      case "serve": {
        const { needsAppSetup, startAppSetup, withDotEnv } = await import("./app-setup.js");
        const settings = withDotEnv(env, process.cwd());
        if (needsAppSetup(settings)) await startAppSetup(settings);
        else await startServer(settings);
        return 0;
      }
      case "demo": {
        const { runDemo } = await import("./demo.js");
        return await runDemo(args.slice(1), env);
      }
      case "simulate": {
        const { runSimulate } = await import("./simulate.js");
        return runSimulate(args.slice(1));
      }
      case "init": {
        const { runInit } = await import("./init.js");
        return await runInit(args.slice(1), env);
      }
      case "tick": {
        const { runTick } = await import("./tick.js");
        return await runTick(args.slice(1), env);
      }
      case "drill": {
        const { runDrill } = await import("./drill.js");
        return await runDrill(args.slice(1), console.log, env);
      }
      case "report": {
        const { runReport } = await import("./report.js");
        return await runReport(args.slice(1), env);
      }
      case "validate": {
        const { runValidate } = await import("./validate.js");
        return runValidate(args.slice(1));
      }
      case "schema":
        printSchema();
        return 0;
      case "help":
      case "--help":
        console.log(USAGE);
        return 0;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(`sevbot: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
