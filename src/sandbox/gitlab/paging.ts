import type { FaceRequest, RouteResponse } from "../face.js";

/**
 * GitLab's offset pagination: `per_page` (default 20, max 100) and `page`, answered with the
 * `x-page`/`x-per-page`/`x-next-page`/`x-prev-page`/`x-total`/`x-total-pages` headers and a `link`
 * header (Gitbeaker follows its `rel="next"`).
 */
export function gitlabPage(items: unknown[], request: FaceRequest): RouteResponse {
  const perPage = Math.min(100, Math.max(1, Number(request.query.get("per_page") ?? 20) || 20));
  const current = Math.max(1, Number(request.query.get("page") ?? 1) || 1);
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((current - 1) * perPage, current * perPage);
  const at = (page: number) => {
    const url = new URL(request.requestUrl);
    url.searchParams.set("page", String(page));
    url.searchParams.set("per_page", String(perPage));
    return url.toString();
  };
  const links = [
    ...(current > 1 ? [`<${at(current - 1)}>; rel="prev"`] : []),
    ...(current < totalPages ? [`<${at(current + 1)}>; rel="next"`] : []),
    `<${at(1)}>; rel="first"`,
    `<${at(totalPages)}>; rel="last"`,
  ];
  const headers: Record<string, string> = {
    "x-page": String(current),
    "x-per-page": String(perPage),
    "x-next-page": current < totalPages ? String(current + 1) : "",
    "x-prev-page": current > 1 ? String(current - 1) : "",
    "x-total": String(items.length),
    "x-total-pages": String(totalPages),
    link: links.join(", "),
  };
  return { status: 200, body: slice, headers };
}

/** `order_by` and `sort` (default: newest first), ties broken by id so pages are stable. */
export function sortBy<T extends { created_at: string; updated_at: string; id: number }>(
  items: T[],
  query: URLSearchParams,
  defaultSort: "asc" | "desc" = "desc",
): T[] {
  const field = query.get("order_by") === "updated_at" ? "updated_at" : "created_at";
  const direction = (query.get("sort") ?? defaultSort) === "asc" ? 1 : -1;
  return [...items].sort((a, b) => direction * (a[field].localeCompare(b[field]) || a.id - b.id));
}
