import { JSONParse } from "json-with-bigint";

/**
 * The shortest digit run json-with-bigint can turn into a BigInt: anything above 2^53 - 1 has 16
 * digits or more. Text without such a run parses to the same value with `JSON.parse`.
 */
const MAYBE_BIG_INTEGER = /\d{16}/;

/**
 * A JSON body parsed as @octokit/request parses it (json-with-bigint: integers beyond 2^53 become
 * BigInts; text that is not JSON stays text), with the native parser whenever that gives the same
 * value: about 10× faster on a page of 100 issues, and its turns of the event loop are what
 * webhook acknowledgements wait behind (docs/operations.md, *Acknowledgement latency*).
 */
export function parseJsonBody(text: string): unknown {
  try {
    return MAYBE_BIG_INTEGER.test(text) ? JSONParse(text) : JSON.parse(text);
  } catch {
    return text;
  }
}

interface RequestOptions {
  request?: { parseSuccessResponseBody?: boolean; [key: string]: unknown };
  [key: string]: unknown;
}

interface OctokitResponse {
  headers: Record<string, string | undefined>;
  data: unknown;
  [key: string]: unknown;
}

type Wrapper = (
  request: (options: RequestOptions) => Promise<OctokitResponse>,
  options: RequestOptions,
) => Promise<OctokitResponse>;

/**
 * Octokit plugin: success bodies come back unparsed from @octokit/request
 * (`parseSuccessResponseBody: false`) and are parsed here, the way its `getResponseData` does.
 * Errors and 304s are still parsed by Octokit (rare and small). A caller that asks for the raw
 * body itself gets it. Registered before the plugins that read `data` (the ETag cache).
 */
export function nativeJsonResponses(octokit: {
  hook: { wrap: (name: "request", wrapper: Wrapper) => void };
}): void {
  // Every hook of one call gets the same options object (before-after-hook binds it), and a retry
  // by an outer plugin sends it again: what this plugin switched is told from a caller's own choice.
  const switched = new WeakSet<RequestOptions>();
  octokit.hook.wrap("request", async (request, options) => {
    if (options.request?.parseSuccessResponseBody === false && !switched.has(options))
      return request(options);
    switched.add(options);
    // A new object: `options.request` may be the client's defaults, shared by all its requests.
    options.request = { ...options.request, parseSuccessResponseBody: false };
    const response = await request(options);
    if (!isBody(response.data)) return response; // 204, 205, HEAD: Octokit's "" already
    return { ...response, data: await readBody(response.data, response.headers["content-type"]) };
  });
}

/** A web stream (fetch's), or any async iterable of bytes (a Node stream from another fetch). */
function isBody(data: unknown): data is ReadableStream | AsyncIterable<Uint8Array> | null {
  return (
    data === null ||
    data instanceof ReadableStream ||
    (typeof data === "object" && Symbol.asyncIterator in data)
  );
}

/** What @octokit/request's `getResponseData` makes of a body, by its content type. */
async function readBody(
  body: ReadableStream | AsyncIterable<Uint8Array> | null,
  contentType: string | undefined,
): Promise<unknown> {
  const response = new Response(body);
  if (!contentType) return response.text().catch(() => "");
  const [type = "", ...parameters] = contentType.toLowerCase().split(";");
  const mimetype = type.trim();
  if (mimetype === "application/json" || mimetype === "application/scim+json")
    return parseJsonBody(await response.text().catch(() => ""));
  const utf8 = parameters.some((parameter) => /^\s*charset\s*=\s*"?utf-8"?\s*$/.test(parameter));
  if (mimetype.startsWith("text/") || (utf8 && mimetype !== "application/octet-stream"))
    return response.text().catch(() => "");
  return response.arrayBuffer().catch(() => new ArrayBuffer(0));
}
