// The GitHub Action's entry (bundled into .github/action/index.mjs by `npm run build:action`).
import { runAction } from "./run.js";

process.exitCode = await runAction(process.env);
