import type { Action } from "../core/actions.js";
import type { DomainEvent } from "../core/events.js";
import { issueKey, type Incident, type IssueRef } from "../core/model.js";
import type { Notification } from "../core/notification.js";
import { executeActions, type ExecutionContext } from "./execute.js";
import type { HandleEventDeps } from "./handle-event.js";
import { saveIncident, type LoadedIncident } from "./incident-store.js";
import { WAR_ROOM_MEMORY_MS } from "./shared-memo.js";

/**
 * The decided actions carried out, for events and ticks alike: pages handed over before any
 * forge write, then the writes, then the incident saved to its log.
 */
export async function executeAndSave(
  deps: HandleEventDeps,
  event: DomainEvent,
  loaded: LoadedIncident,
  decided: Incident | undefined,
  actions: Action[],
  options: { sourceCommentsUnknown?: boolean } = {},
) {
  let stored = loaded.stored;
  // The decision records its pages in the ledger, and the first forge write (the log issue) can
  // already carry that ledger. So pages are handed over before any write: queued durably
  // (replicas), they are in Redis before a killed replica could leave a step recorded but unsent;
  // sent directly (one process), they go out at the end even when a later write failed. A retry
  // plans the same keys (see `receivedAt`): the queue, the hub and PagerDuty's dedup_key drop repeats.
  const outbox: Array<[Notification, IssueRef]> = [];
  const flush = async () => {
    const pending = outbox.splice(0);
    await Promise.all(pending.map(([notification, source]) => deps.notify?.(notification, source)));
  };
  const context: ExecutionContext = {
    forge: deps.forge,
    source: event.issue,
    sourceComments: loaded.sourceComments,
    sourceCommentsUnknown: options.sourceCommentsUnknown ?? false,
    notify: (notification, source) => void outbox.push([notification, source]),
    ...(deps.createWarRoom ? { createWarRoom: rememberingRooms(deps, event) } : {}),
    onLogCreated: (written) => (stored = written),
  };
  const notices = actions.filter((action) => action.kind === "notify");
  const writes = actions.filter((action) => action.kind !== "notify");
  try {
    const noticed = await executeActions(notices, decided, context);
    if (deps.notifyDurably) await flush();
    const incident = await executeActions(writes, noticed, context);
    if (incident) await saveIncident(deps.forge, incident, stored, { guard: deps.guardLogWrites });
    return incident;
  } finally {
    await flush();
  }
}

/** War rooms are remembered by channel id, so `/sevbot …` typed in one acts on its incident. */
function rememberingRooms(deps: HandleEventDeps, event: DomainEvent) {
  return async (name: string, topic: string) => {
    const room = await deps.createWarRoom!(name, topic);
    if (room)
      await deps.memo?.set(`war-room:${room.id}`, issueKey(event.issue.ref), WAR_ROOM_MEMORY_MS);
    return room;
  };
}
