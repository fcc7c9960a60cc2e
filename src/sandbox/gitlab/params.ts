import type { IncomingHttpHeaders } from "node:http";

/**
 * GitLab (Grape) takes JSON or form bodies and coerces their values, so `confidential: "true"`,
 * `labels: "a,b"` and `assignee_ids: "5,6"` mean what their JSON forms mean. Handlers read
 * parameters through these helpers; the validator has already checked them.
 */
export function parseGitlabBody(
  raw: string,
  headers: IncomingHttpHeaders,
): Record<string, unknown> | undefined {
  if (String(headers["content-type"] ?? "").includes("application/x-www-form-urlencoded"))
    return parseForm(raw);
  try {
    const body = JSON.parse(raw) as unknown;
    return body !== null && typeof body === "object"
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function parseForm(raw: string): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(raw)) {
    const key = rawKey.replace(/\[\]$/, "");
    const previous = form[key];
    form[key] =
      rawKey.endsWith("[]") || previous !== undefined ? [...[previous ?? []].flat(), value] : value;
  }
  return form;
}

export function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

export function flag(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  return value === true || value === "true" || value === 1 || value === "1";
}

/** A comma-separated string or an array, as GitLab accepts for `labels`. */
export function list(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value)
    ? value.flatMap((item) => String(item).split(","))
    : String(value).split(",");
  return items.map((item) => item.trim()).filter(Boolean);
}

export function ids(value: unknown): number[] | undefined {
  return list(value)
    ?.map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
}

/** Query values that may come as `key=a,b`, `key[]=a&key[]=b` or repeated `key=a&key=b`. */
export function queryList(query: URLSearchParams, name: string): string[] | undefined {
  const values = [...query.getAll(name), ...query.getAll(`${name}[]`)];
  return values.length === 0 ? undefined : list(values);
}
