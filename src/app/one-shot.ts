import { createNotifiers, type NotifierSettings } from "../adapters/notify/from-env.js";
import { createNotifierHub } from "../adapters/notify/hub.js";
import type { Clock } from "../ports/clock.js";
import { createRuntime, type Logger, type Runtime } from "./runtime.js";

/**
 * The server's runtime for a process that does one thing and exits (the Action, `sevbot tick`):
 * the same work queue, retries and notifiers; `settle` waits until every job is done and every
 * notification sent (a notifier that gives up queues one more job, for the timeline).
 */
export function createOneShotRuntime(
  clock: Clock,
  log: Logger,
  notifiers: NotifierSettings,
): { runtime: Runtime; settle(): Promise<void> } {
  const hub = createNotifierHub(createNotifiers(notifiers), { warn: log.warn });
  const sending = new Set<Promise<unknown>>();
  const runtime = createRuntime(clock, log, {
    notify: (notification) => {
      const sent = hub.send(notification);
      sending.add(sent);
      void sent.finally(() => sending.delete(sent));
      return sent;
    },
    createWarRoom: (name, topic) => hub.createWarRoom(name, topic),
  });
  return {
    runtime,
    async settle() {
      do {
        await runtime.events.idle();
        await Promise.all([...sending]);
      } while ((await runtime.events.depth()) > 0 || sending.size > 0);
    },
  };
}
