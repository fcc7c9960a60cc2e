import type { Notifier } from "../../ports/notifier.js";
import { NotifyError, postJson, type Fetch } from "./http.js";

export interface PagerDutyRespondersOptions {
  /** A REST API key (`PAGERDUTY_API_TOKEN`). */
  token: string;
  /** E-mail of a PagerDuty user, sent as `From` (account-level keys require it). */
  from: string;
  /** The PagerDuty user id the requests are made as. */
  requesterId: string;
  baseUrl?: string;
  fetch?: Fetch;
}

/**
 * `/page @user` through PagerDuty: a responder request on the PagerDuty incident sevbot triggered
 * for this incident (found by its `incident_key`, sevbot's dedup_key), for each paged person with
 * a `notifications.pagerdutyUsers` id. With no open PagerDuty incident, it fails and says so.
 */
export function createPagerDutyRespondersNotifier(options: PagerDutyRespondersOptions): Notifier {
  const base = options.baseUrl ?? "https://api.pagerduty.com";
  const fetcher = options.fetch ?? fetch;
  const headers = {
    authorization: `Token token=${options.token}`,
    accept: "application/vnd.pagerduty+json;version=2",
    from: options.from,
  };
  async function openIncidentId(incidentKey: string): Promise<string> {
    const query = new URLSearchParams({ incident_key: incidentKey });
    for (const status of ["triggered", "acknowledged"]) query.append("statuses[]", status);
    let response: Response;
    try {
      response = await fetcher(`${base}/incidents?${query}`, { headers });
    } catch (error) {
      throw new NotifyError(
        `cannot reach ${new URL(base).host}: ${(error as Error).message}`,
        true,
      );
    }
    if (!response.ok)
      throw new NotifyError(
        `pagerduty did not list incidents (${response.status})`,
        response.status === 429 || response.status >= 500,
      );
    const { incidents = [] } = (await response.json()) as { incidents?: Array<{ id: string }> };
    if (!incidents[0])
      throw new NotifyError(
        `no open PagerDuty incident for ${incidentKey}: a responder request needs one`,
        false,
      );
    return incidents[0].id;
  }
  return {
    name: "pagerduty-responders",
    handles: (notification) =>
      notification.kind === "page" && (notification.targets.pagerdutyUserIds?.length ?? 0) > 0,
    async send(notification) {
      const ids = notification.targets.pagerdutyUserIds ?? [];
      if (notification.kind !== "page" || ids.length === 0) return;
      const incident = await openIncidentId(notification.incidentKey);
      await postJson(
        fetcher,
        `${base}/incidents/${encodeURIComponent(incident)}/responder_requests`,
        {
          requester_id: options.requesterId,
          message: `${notification.text} ${notification.url}`.trim().slice(0, 1000),
          responder_request_targets: ids.map((id) => ({
            responder_request_target: { id, type: "user_reference" },
          })),
        },
        headers,
      );
    },
  };
}
