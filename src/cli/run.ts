import { SettingsError } from "../config/env.js";
import { startServer } from "../main.js";
import { printSchema } from "./schema.js";

const USAGE = `sevbot — incident response in your issue tracker

Usage:
  sevbot serve          run the GitHub App server (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, ...)
  sevbot demo [file]    play a scenario (default: a Sev-1) against a local sandbox forge
  sevbot simulate --severity N [--component C] [--config F] [--at ISO]
                        print the escalation plan and who is on call
  sevbot init <owner/repo> [--token T] [--api URL] [--write DIR]
                        create sevbot's labels (idempotent), optionally templates and config
  sevbot drill [file] [--repo owner/name --token T [--api URL]]
                        a tabletop drill on the sandbox (or a real repository), ending with a drill report
  sevbot report <owner/repo> [--since 90d] [--html file]
                        MTTA, MTTR, status-update compliance, post-mortems per severity
  sevbot validate [file] check a config file; prints every error with its path
  sevbot schema         print the JSON Schema of .github/sevbot.yml
  sevbot help           this text`;

/** Dispatches a CLI command; returns the exit code. */
export async function runCli(args: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command = "help"] = args;
  try {
    switch (command) {
      case "serve":
        await startServer(env);
        return 0;
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
