import { SettingsError } from "../config/env.js";
import { startServer } from "../main.js";
import { printSchema } from "./schema.js";

const USAGE = `sevbot — incident response in your issue tracker

Usage:
  sevbot serve          run the GitHub App server (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, ...)
  sevbot demo [file]    play a scenario (default: a Sev-1) against a local sandbox forge
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
