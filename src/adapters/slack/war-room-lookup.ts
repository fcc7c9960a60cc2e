import { issueKeyOfUrl, urlsIn } from "../../core/issue-url.js";

export interface RoomLookupOptions {
  botToken: string;
  /** `SLACK_API_URL`, for tests; Slack's own otherwise. */
  apiBaseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * Which incident a war-room channel belongs to, read from Slack itself: sevbot sets each war
 * room's topic to end with its incident's address. It stands in when the channel → incident
 * memory is gone (a restart without Redis, or past its 90 days), so `/sevbot ack` in an old war
 * room still reaches its incident. Any failure is "not known", never an error for the caller.
 */
export function createSlackRoomLookup(options: RoomLookupOptions) {
  const fetcher = options.fetch ?? fetch;
  const api = options.apiBaseUrl ?? "https://slack.com/api";
  return async function incidentOfChannel(channel: string): Promise<string | undefined> {
    try {
      const url = `${api}/conversations.info?channel=${encodeURIComponent(channel)}`;
      const response = await fetcher(url, {
        headers: { authorization: `Bearer ${options.botToken}` },
        signal: AbortSignal.timeout(1_500),
      });
      const body = (await response.json()) as {
        ok?: boolean;
        channel?: { topic?: { value?: string } };
      };
      if (body.ok !== true) return undefined;
      const keys = urlsIn(body.channel?.topic?.value ?? "").map(issueKeyOfUrl);
      return keys.filter((key) => key !== undefined).at(-1);
    } catch {
      return undefined;
    }
  };
}
