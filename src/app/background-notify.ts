import type { DomainEvent } from "../core/events.js";
import { issueKey, type IssueRef } from "../core/model.js";
import type { Notification } from "../core/notification.js";
import { handleEvent, type HandleEventDeps } from "./handle-event.js";
import type { Runtime } from "./runtime.js";

/**
 * Sends through the runtime's notifier hub without waiting; when a notifier finally fails, a
 * `notification-failed` event goes through the same path as everything else and lands in the
 * incident's timeline.
 */
export function notifyInBackground(runtime: Runtime, deps: () => HandleEventDeps): (notification: Notification, source: IssueRef) => void {
  return (notification, source) => {
    void runtime.notify(notification).then((failures) => {
      if (failures.length === 0) return;
      const event: DomainEvent = {
        kind: "notification-failed",
        issue: { ref: source, title: "", body: "", labels: [], state: "open", author: "", url: notification.url, confidential: false },
        actor: { login: "sevbot-notifier", isBot: false },
        failures,
      };
      runtime.queue.push({ name: `notification-failed ${issueKey(source)}`, priority: notification.severity, run: async () => void (await handleEvent(deps(), event)) });
    });
  };
}
