import { z } from "zod";
import type { RemoteAction, RemoteEvent } from "../../core/events.js";
import type { IssueRef } from "../../core/model.js";
import { remoteEvent } from "../../core/remote/event.js";

/** The V3 webhook envelope, as PagerDuty's developer docs describe it (only what sevbot reads). */
const Reference = z.object({ id: z.string(), summary: z.string().optional(), type: z.string() });
export const PagerDutyWebhook = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string().min(1),
    resource_type: z.string(),
    occurred_at: z.iso.datetime({ offset: true }),
    agent: Reference.nullable().optional(),
    data: z.record(z.string(), z.unknown()),
  }),
});
export type PagerDutyWebhook = z.infer<typeof PagerDutyWebhook>;

const IncidentData = z.object({
  id: z.string(),
  type: z.literal("incident"),
  incident_key: z.string().nullable().optional(),
});
const NoteData = z.object({ incident: z.object({ id: z.string() }), content: z.string() });

export type PagerDutyTranslation =
  { kind: "event"; event: RemoteEvent } | { kind: "ignored"; reason: string };

/** sevbot's dedup_key is the source issue's key: `github:acme/shop#7`, `gitlab:group/project#3`. */
export function issueOfDedupKey(key: string | null | undefined): IssueRef | undefined {
  const match = /^(github|gitlab):([^#\s]+\/[^#\s]+)#(\d+)$/.exec(key ?? "");
  if (!match) return undefined;
  return { platform: match[1] as IssueRef["platform"], repo: match[2]!, number: Number(match[3]) };
}

/**
 * An incident event whose `incident_key` is a dedup_key sevbot sent becomes a remote action on
 * that issue's incident. A note names only PagerDuty's incident id: `noteKey` is the key heard
 * for that id earlier (`noteIncidentId` says which). Everything else is ignored.
 */
export function translatePagerDutyEvent(
  payload: PagerDutyWebhook,
  noteKey?: string,
): PagerDutyTranslation {
  const { event } = payload;
  const action = actionOf(event.event_type, event.data);
  if (!action) return { kind: "ignored", reason: `${event.event_type} is not handled` };
  const incident = IncidentData.safeParse(event.data);
  const key = incident.success ? incident.data.incident_key : noteKey;
  const ref = issueOfDedupKey(key);
  if (!ref) return { kind: "ignored", reason: "not an incident sevbot paged for" };
  const agent = event.agent ?? { id: "pagerduty", summary: "PagerDuty", type: "service" };
  return {
    kind: "event",
    event: remoteEvent({
      ref,
      origin: "pagerduty",
      id: event.id,
      user: { id: agent.id, name: agent.summary ?? agent.id },
      action,
      // Only a person's acknowledgement is PagerDuty's word that someone answered the page.
      vouched: agent.type === "user_reference",
    }),
  };
}

function actionOf(type: string, data: Record<string, unknown>): RemoteAction | undefined {
  switch (type) {
    case "incident.acknowledged":
      return { type: "commands", text: "/ack" };
    case "incident.annotated": {
      const note = NoteData.safeParse(data);
      return note.success ? { type: "note", text: note.data.content.slice(0, 2000) } : undefined;
    }
    case "incident.resolved":
      return { type: "resolved-elsewhere" };
    default:
      return undefined;
  }
}

/** The PagerDuty incident id and key of an incident event, remembered for its later notes. */
export function incidentIdAndKey(payload: PagerDutyWebhook): [string, string] | undefined {
  const incident = IncidentData.safeParse(payload.event.data);
  if (!incident.success || !incident.data.incident_key) return undefined;
  return issueOfDedupKey(incident.data.incident_key)
    ? [incident.data.id, incident.data.incident_key]
    : undefined;
}

/** The PagerDuty incident a note is about. */
export function noteIncidentId(payload: PagerDutyWebhook): string | undefined {
  return NoteData.safeParse(payload.event.data).data?.incident.id;
}
