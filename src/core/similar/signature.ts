import type { ReproSummary } from "../repro.js";

/**
 * An error signature: what a report's reproduction shows about the failure, normalised so the
 * same failure on another day looks the same. Keys are `http:GET /api/orders/:id`, `status:503`,
 * `error:NullPointerException`, `error:ECONNREFUSED` and `service:payments-api`.
 */
export function errorSignature(summary: ReproSummary): string[] {
  const keys = new Set<string>();
  for (const line of summary.httpRequests) {
    const request = httpRequestKey(line);
    if (request) keys.add(request);
    for (const status of statusCodes(line)) keys.add(`status:${status}`);
  }
  for (const line of summary.logLines) {
    for (const status of statusCodes(line)) keys.add(`status:${status}`);
    for (const name of errorNames(line)) keys.add(`error:${name}`);
    for (const service of serviceNames(line)) keys.add(`service:${service}`);
  }
  return [...keys].sort();
}

const METHOD = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/i;
const CURL_METHOD = /(?:-X|--request)\s+([A-Za-z]+)/;
const URL_OR_PATH = /(?:https?:\/\/[^\s/'"]+)?(\/[^\s'"?#]*)/;

/** `GET /api/v2/orders/5?x=1 HTTP/1.1` and `curl -X POST https://host/api/orders/5` alike. */
export function httpRequestKey(line: string): string | undefined {
  const text = line.trim().replace(/^\$\s*/, "");
  const isCurl = /^curl\s/i.test(text);
  const method = isCurl
    ? (CURL_METHOD.exec(text)?.[1] ?? (/\s(?:-d|--data)\b/.test(text) ? "POST" : "GET"))
    : METHOD.exec(text)?.[1];
  const target = isCurl
    ? /(?:https?:\/\/[^\s/'"]+)(\/[^\s'"?#]*)?/.exec(text)
    : URL_OR_PATH.exec(text.slice(text.search(METHOD) + (method?.length ?? 0)));
  if (!method || !target) return undefined;
  return `http:${method.toUpperCase()} ${normalisePath(target[1] ?? "/")}`;
}

/** Ids in paths become `:id`: numbers, UUIDs, long hex, and tokens mixing letters and many digits. */
export function normalisePath(path: string): string {
  const segments = path
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => (isId(segment) ? ":id" : segment.toLowerCase()));
  return `/${segments.join("/")}`;
}

function isId(segment: string): boolean {
  return (
    /^\d+$/.test(segment) ||
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) ||
    /^[0-9a-f]{12,}$/i.test(segment) ||
    (segment.replace(/\D/g, "").length >= 4 && /[a-z]/i.test(segment))
  );
}

const STATUS_WITH_REASON =
  /\b([45]\d\d)\s+(?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|Not Found|Forbidden|Unauthorized|Bad Request|Too Many Requests|Conflict|Request Timeout|Payload Too Large|Unprocessable)/gi;
const STATUS_NAMED =
  /\b(?:status(?:[ _]?code)?|http(?:\/[\d.]+)?|code|returned|responded)[=:\s]+([45]\d\d)\b/gi;
const STATUS_ALONE = /\b(?:HTTP|error)\s+([45]\d\d)\b/gi;

export function statusCodes(line: string): string[] {
  const found = new Set<string>();
  for (const pattern of [STATUS_WITH_REASON, STATUS_NAMED, STATUS_ALONE])
    for (const match of line.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

const EXCEPTION = /\b([A-Z][A-Za-z0-9]*(?:Exception|Error|Fault|Timeout|Panic))\b/g;
const ERRNO = /\b(E[A-Z]{4,})\b/g;
const NAMED_FAILURES = /\b(OOMKilled|OutOfMemory|CrashLoopBackOff|SIGKILL|SIGSEGV|deadlock)\b/gi;
/** Generic words that end like an exception name but name nothing. */
const GENERIC = new Set(["Error", "Timeout", "Fault", "Panic", "ERROR"]);

export function errorNames(line: string): string[] {
  const found = new Set<string>();
  for (const match of line.matchAll(EXCEPTION)) if (!GENERIC.has(match[1]!)) found.add(match[1]!);
  for (const match of line.matchAll(ERRNO))
    if (!/^(?:ERROR|EXCEPTION|EVENT)S?$/.test(match[1]!)) found.add(match[1]!);
  for (const match of line.matchAll(NAMED_FAILURES)) found.add(match[1]!.toLowerCase());
  return [...found];
}

const LEVELS = /^(?:error|fatal|critical|warn|warning|info|debug|trace|panic|notice)$/i;
const BRACKETED = /\[([a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+|[a-z][a-z0-9]{2,})\]/g;
const KEYED = /\b(?:service|svc|app|component|upstream|host)[=:]\s*"?([A-Za-z][\w.-]*[A-Za-z0-9])/g;

/** Services named in a log line: `[payments-api]`, `service=payments`, `upstream: db-primary`. */
export function serviceNames(line: string): string[] {
  const found = new Set<string>();
  for (const match of line.matchAll(BRACKETED))
    if (!LEVELS.test(match[1]!) && !/^\d/.test(match[1]!)) found.add(match[1]!.toLowerCase());
  for (const match of line.matchAll(KEYED)) found.add(match[1]!.toLowerCase());
  return [...found];
}
