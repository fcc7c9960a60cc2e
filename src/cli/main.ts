#!/usr/bin/env node
import { SettingsError } from "../config/settings-error.js";

// run.js is loaded here rather than imported above: loading it reads sevbot's own
// config/default.yml, and a broken one is then reported in one line like any bad setting.
try {
  const { runCli } = await import("./run.js");
  process.exitCode = await runCli(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(`sevbot: ${error.message}`);
  process.exitCode = 1;
}
