import type { Severity } from "./model.js";

/**
 * Answers of an issue form as GitHub renders them into the issue body (`### Label`, blank line,
 * answer; `_No response_` when left empty), and of sevbot's GitLab templates, which use the
 * same headings.
 */
export function parseIssueForm(body: string): Map<string, string> {
  const answers = new Map<string, string>();
  const sections = body
    .replace(/\r\n/g, "\n")
    .split(/^### +/m)
    .slice(1);
  for (const section of sections) {
    const newline = section.indexOf("\n");
    const label = (newline === -1 ? section : section.slice(0, newline)).trim().toLowerCase();
    const answer = (newline === -1 ? "" : section.slice(newline + 1))
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/^\/\w+.*$/gm, "")
      .trim();
    answers.set(label, answer === "_No response_" ? "" : answer);
  }
  return answers;
}

export interface ReportAnswers {
  severity?: Severity;
  component?: string;
}

/** The answers sevbot acts on: the chosen severity and the component. */
export function reportAnswers(body: string): ReportAnswers {
  const form = parseIssueForm(body);
  const severity = /\bsev-?([1-4])\b/i.exec(form.get("severity") ?? "");
  const component = (form.get("component") ?? "")
    .split("\n")[0]!
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return {
    ...(severity ? { severity: Number(severity[1]) as Severity } : {}),
    ...(component ? { component } : {}),
  };
}
