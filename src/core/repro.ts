/**
 * Pulls the reproduction evidence out of a report (seed 002: "summarized reproduction steps
 * (HTTP Requests, generated log messages, images)") so responders see it at a glance.
 */
export interface ReproSummary {
  httpRequests: string[];
  logLines: string[];
  screenshots: string[];
}

const HTTP_REQUEST =
  /^\s*(?:\$\s*)?(?:curl\s.+|(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+(?:\s+HTTP\/[\d.]+)?)\s*$/i;
const LOG_LINE =
  /(?:^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\b(?:ERROR|FATAL|CRITICAL|WARN(?:ING)?|PANIC|Exception|Traceback)\b|\b[1-5]\d\d (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|Not Found|Forbidden|Unauthorized)\b)/;
const MARKDOWN_IMAGE = /!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g;
const HTML_IMAGE = /<img\b[^>]*\bsrc=["']([^"']+)["']/gi;
const MAX_PER_KIND = 10;

export function summarizeReproduction(body: string): ReproSummary {
  const lines = body.split(/\r?\n/);
  return {
    httpRequests: unique(
      lines.filter((line) => HTTP_REQUEST.test(line)).map((line) => line.trim()),
    ),
    logLines: unique(
      lines
        .filter((line) => !HTTP_REQUEST.test(line) && LOG_LINE.test(line))
        .map((line) => line.trim()),
    ),
    screenshots: unique(
      [...body.matchAll(MARKDOWN_IMAGE), ...body.matchAll(HTML_IMAGE)].map((match) => match[1]!),
    ),
  };
}

function unique(items: string[]): string[] {
  return [...new Set(items)].slice(0, MAX_PER_KIND);
}

export function isEmptySummary(summary: ReproSummary): boolean {
  return summary.httpRequests.length + summary.logLines.length + summary.screenshots.length === 0;
}
