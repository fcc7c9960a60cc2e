/**
 * Conditional requests for repository files (sevbot's config): the ETag GitHub returned is sent
 * back as `If-None-Match`, and a 304 (free: it does not count against the rate limit) reuses the
 * cached response.
 */
interface Cached {
  etag: string;
  response: unknown;
}

type Hooked = {
  hook: {
    wrap(
      name: "request",
      wrapper: (
        request: (options: RequestOptions) => Promise<unknown>,
        options: RequestOptions,
      ) => Promise<unknown>,
    ): void;
  };
  request: {
    endpoint: {
      parse(options: RequestOptions): { url: string; headers: Record<string, string | undefined> };
    };
  };
};

interface RequestOptions {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  [key: string]: unknown;
}

export function createEtagPlugin(capacity = 1000) {
  const cache = new Map<string, Cached>();
  return function etagPlugin(octokit: Hooked): void {
    octokit.hook.wrap("request", async (request, options) => {
      if (options.method !== "GET" || !String(options.url).includes("/contents/"))
        return request(options);
      const parsed = octokit.request.endpoint.parse(options);
      const key = `${parsed.headers.accept ?? ""} ${parsed.url}`;
      const cached = cache.get(key);
      if (cached) options.headers = { ...options.headers, "if-none-match": cached.etag };
      try {
        const response = (await request(options)) as {
          headers?: Record<string, string | undefined>;
        };
        const etag = response.headers?.etag;
        if (etag) remember(cache, key, { etag, response }, capacity);
        return response;
      } catch (error) {
        if (cached && (error as { status?: number }).status === 304) return cached.response;
        throw error;
      }
    });
  };
}

function remember(cache: Map<string, Cached>, key: string, value: Cached, capacity: number): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
}
