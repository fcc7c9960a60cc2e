import type { JobContext } from "../ports/event-queue.js";
import { notificationDeps } from "./background-notify.js";
import type { HandleEventDeps } from "./handle-event.js";
import type { Runtime } from "./runtime.js";

/**
 * What every way of running the pipeline takes from the runtime (a webhook's job, a scheduler
 * pass, `sevbot tick`, the Action): one place, so no path quietly runs without the war-room
 * notifier, the shared memo or the declaration tokens. The caller adds its forge and config.
 */
export function runtimeDeps(
  runtime: Runtime,
  context: JobContext,
): Omit<HandleEventDeps, "forge" | "loadConfig" | "configWaitMs"> {
  return {
    clock: runtime.clock,
    mutex: runtime.mutex,
    permissions: runtime.permissions,
    declarations: runtime.declarations,
    memo: runtime.memo,
    createWarRoom: runtime.createWarRoom,
    ...notificationDeps(runtime, context),
  };
}
