/** A notifier's HTTP failure, saying whether trying again can help. */
export class NotifyError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export type Fetch = typeof fetch;

/** POSTs JSON; 429 and 5xx and network errors are retryable, other 4xx are not. */
export async function postJson(
  fetcher: Fetch,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...headers },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new NotifyError(`cannot reach ${new URL(url).host}: ${(error as Error).message}`, true);
  }
  const text = await response.text();
  const json = parseJson(text);
  if (response.status === 429 || response.status >= 500) {
    const retryAfter = Number(response.headers.get("retry-after"));
    throw new NotifyError(
      `${new URL(url).host} answered ${response.status}`,
      true,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    );
  }
  if (response.status >= 400)
    throw new NotifyError(
      `${new URL(url).host} refused the message (${response.status}): ${text.slice(0, 200)}`,
      false,
    );
  return { status: response.status, json };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}
