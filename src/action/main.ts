// The GitHub Action's entry (bundled into .github/action/index.mjs by `npm run build:action`).
import { runAction } from "./run.js";

try {
  process.exitCode = await runAction(process.env);
} catch (error) {
  // Whatever went wrong, the run's log shows one line saying what, not a stack trace.
  process.stdout.write(`::error::sevbot: ${(error as Error).message.split("\n")[0]}\n`);
  process.exitCode = 1;
}
