import type { Logger } from "../app/runtime.js";

const MISSING_PERMISSION = /Resource not accessible by integration/i;
const HINT =
  " (the token may not do this: give the job `permissions: issues: write` and `contents: read`, or a tracker-token for a tracker elsewhere)";

/**
 * Lines for the workflow log; warnings and errors as workflow commands, so GitHub shows them as
 * annotations on the run. Errors are counted: the step fails when any job gave up.
 */
export function actionLogger(write: (line: string) => void): Logger & { errors(): number } {
  let errors = 0;
  // A workflow command ends at the line break: later lines are escaped as GitHub documents.
  const escape = (text: string) =>
    text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  return {
    info: (message) => write(message),
    warn: (message) => write(`::warning::${escape(message)}`),
    error(message) {
      errors++;
      write(`::error::${escape(message)}${MISSING_PERMISSION.test(message) ? HINT : ""}`);
    },
    errors: () => errors,
  };
}
