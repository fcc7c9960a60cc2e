import { randomUUID } from "node:crypto";
import { pagerDutySignature } from "../adapters/pagerduty/signature.js";

/** What PagerDuty tells sevbot in a scenario: `acknowledged` by an agent, on the page. */
export interface PagerDutyStep {
  event: "acknowledged" | "resolved";
  /** The PagerDuty user (id as in `notifications.pagerdutyUsers`, name as PagerDuty shows it). */
  agent: { id: string; name: string };
  /** sevbot's dedup_key for the issue: `github:acme/shop#1`. */
  dedupKey: string;
}

/**
 * A V3 webhook as PagerDuty's developer docs describe it (envelope, `incident` data type), signed
 * with the subscription's secret, sent to the server's route. Throws unless it was accepted.
 */
export function pagerDutySender(serverUrl: string, secret: string) {
  return async (step: PagerDutyStep): Promise<void> => {
    const now = new Date().toISOString();
    const agent = {
      id: step.agent.id,
      type: "user_reference",
      summary: step.agent.name,
      self: `https://api.pagerduty.com/users/${step.agent.id}`,
    };
    const body = JSON.stringify({
      event: {
        id: randomUUID(),
        event_type: `incident.${step.event}`,
        resource_type: "incident",
        occurred_at: now,
        agent,
        client: { name: "PagerDuty" },
        data: {
          id: "PSCENARIO",
          type: "incident",
          status: step.event,
          incident_key: step.dedupKey,
          created_at: now,
          title: step.dedupKey,
          urgency: "high",
          assignees: [agent],
        },
      },
    });
    const response = await fetch(`${serverUrl}/api/pagerduty/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-pagerduty-signature": pagerDutySignature(body, [secret]),
      },
      body,
    });
    if (response.status !== 202)
      throw new Error(`PagerDuty webhook refused (${response.status}): ${await response.text()}`);
  };
}
