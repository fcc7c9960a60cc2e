import { severityLabel, severityOfLabel } from "./severity.js";
import { SEVERITIES, type Severity } from "./model.js";

const letters = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * The severity a label was most likely meant to give when it is not one of the configured
 * spellings: the same letters and digit as a configured one (`severity:1`, `Severity 1` for
 * `severity::N`), or any `sev…N` (`sev1`, `SEV-2`). Other near forms (`P1`) are left alone: many
 * teams use them for ordinary priorities, and a reply on each would be noise.
 */
export function nearMissSeverity(label: string, schemes: readonly string[]): Severity | undefined {
  if (severityOfLabel(label, schemes) !== undefined) return undefined;
  const typed = letters(label);
  for (const severity of SEVERITIES)
    if (schemes.some((scheme) => letters(scheme.replace("N", String(severity))) === typed))
      return severity;
  const sev = /^sev(?:erity)?([1-4])$/.exec(typed);
  return sev ? (Number(sev[1]) as Severity) : undefined;
}

/** The reply to a near miss: no incident, and the label that declares one. */
export function nearMissReply(label: string, severity: Severity, schemes: readonly string[]) {
  const meant = severityLabel(severity, schemes);
  const spellings = schemes.map((scheme) => `\`${scheme}\``).join(", ");
  return (
    `\`${label}\` is not a severity label here, so no incident was declared. ` +
    `To declare a Sev-${severity}, add \`${meant}\`. ` +
    `Severity labels: ${spellings}, with N from 1 to 4 (\`severity.labels\` in the config).`
  );
}
