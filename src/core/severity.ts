import { SEVERITIES, type Severity } from "./model.js";

/**
 * Severity label parsing. A scheme is a label spelling with `N` where the digit goes
 * (`severity::N`, `sevN`, `SEV-N`, `PN`, `priority::N`); matching ignores case.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function schemePattern(scheme: string): RegExp {
  const [before, after] = splitAtN(scheme);
  return new RegExp(`^${escapeRegExp(before)}([1-4])${escapeRegExp(after)}$`, "i");
}

function splitAtN(scheme: string): [string, string] {
  const at = scheme.indexOf("N");
  return [scheme.slice(0, at), scheme.slice(at + 1)];
}

/** The severity a single label means under the given schemes, if any. */
export function severityOfLabel(label: string, schemes: readonly string[]): Severity | undefined {
  return matchSeverity(label, schemes.map(schemePattern));
}

function matchSeverity(label: string, patterns: readonly RegExp[]): Severity | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(label.trim());
    if (match) return Number(match[1]) as Severity;
  }
  return undefined;
}

/**
 * The worst severity among labels under schemes compiled once, for callers that read every
 * webhook's labels with the same schemes (the ingress orders its queue this way).
 */
export function severityReader(
  schemes: readonly string[],
): (labels: readonly string[]) => Severity | undefined {
  const patterns = schemes.map(schemePattern);
  return (labels) => worst(labels.map((label) => matchSeverity(label, patterns)));
}

/** The worst (lowest-numbered) severity among the labels, if any. */
export function severityOfLabels(
  labels: readonly string[],
  schemes: readonly string[],
): Severity | undefined {
  const patterns = schemes.map(schemePattern);
  return worst(labels.map((label) => matchSeverity(label, patterns)));
}

function worst(severities: Array<Severity | undefined>): Severity | undefined {
  const found = severities.filter((severity): severity is Severity => severity !== undefined);
  return found.length === 0 ? undefined : (Math.min(...found) as Severity);
}

/** The label sevbot writes for a severity: the first scheme. */
export function severityLabel(severity: Severity, schemes: readonly string[]): string {
  const [before, after] = splitAtN(schemes[0] ?? "severity::N");
  return `${before}${severity}${after}`;
}

/** Labels on the issue that mean a severity other than `keep`. */
export function otherSeverityLabels(
  labels: readonly string[],
  keep: Severity,
  schemes: readonly string[],
): string[] {
  return labels.filter((label) => {
    const severity = severityOfLabel(label, schemes);
    return severity !== undefined && severity !== keep;
  });
}

export function isSeverity(value: number): value is Severity {
  return (SEVERITIES as readonly number[]).includes(value);
}
