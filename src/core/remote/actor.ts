import type { SevbotConfig } from "../../config/schema.js";
import type { RemoteEvent, RemoteOrigin } from "../events.js";

/** The forge user configured for a vendor's user id (`pagerdutyUsers`, `slackUsers`). */
export function forgeUserOf(
  origin: RemoteOrigin,
  vendorId: string,
  config: SevbotConfig,
): string | undefined {
  const table =
    origin === "pagerduty" ? config.notifications.pagerdutyUsers : config.notifications.slackUsers;
  const found = Object.entries(table).find(([, id]) => id === vendorId);
  return found?.[0].replace(/^@/, "");
}

/**
 * The event with its actor as a forge user when one is configured; otherwise named as the vendor
 * shows them, with anything that could ping someone or break a line taken out.
 */
export function mapRemoteActor(event: RemoteEvent, config: SevbotConfig): RemoteEvent {
  const login = forgeUserOf(event.origin, event.user.id, config);
  if (login) return { ...event, actor: { login, isBot: false }, mapped: true };
  const shown = event.user.name.replace(/[@\r\n<>`]/g, "").trim() || event.user.id;
  return { ...event, actor: { login: shown.slice(0, 80), isBot: false }, mapped: false };
}

/** How the origin is named in what sevbot writes ("Acknowledged by lee from PagerDuty"). */
export function originName(origin: RemoteOrigin): string {
  return origin === "pagerduty" ? "PagerDuty" : "Slack";
}
