import type { NotifyFailure } from "../../app/execute.js";
import type { Notification } from "../../core/notification.js";
import type { Notifier, WarRoom } from "../../ports/notifier.js";
import { NotifyError } from "./http.js";

export interface HubOptions {
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** How many (notifier, key) successes to remember, so a retried job does not notify twice. */
  remember?: number;
  /** Where successes are remembered: this process by default; Redis with replicas (any replica may re-run a job). */
  ledger?: SentLedger;
}

/** Which (notifier, incident, step) sends succeeded. Never throws: a ledger that cannot answer says "not sent". */
export interface SentLedger {
  has(key: string): Promise<boolean>;
  add(key: string): Promise<void>;
}

export function memorySentLedger(limit = 10_000): SentLedger {
  const sent = new Set<string>();
  return {
    has: async (key) => sent.has(key),
    async add(key) {
      sent.add(key);
      if (sent.size > limit) sent.delete(sent.values().next().value as string);
    },
  };
}

/**
 * Sends to every notifier in parallel; each retries with exponential backoff (honouring
 * Retry-After) and never blocks or fails the others. Failures are returned for the timeline.
 */
export function createNotifierHub(notifiers: Notifier[], options: HubOptions = {}) {
  const attempts = options.attempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const ledger = options.ledger ?? memorySentLedger(options.remember);

  async function deliver(notifier: Notifier, notification: Notification): Promise<NotifyFailure | undefined> {
    // Step keys repeat across incidents (two declared in the same minute share `esc-…-s0`): the incident is part of the key.
    const key = `${notifier.name}:${notification.incidentKey}:${notification.key}`;
    if (await ledger.has(key)) return undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await notifier.send(notification);
        await ledger.add(key);
        return undefined;
      } catch (error) {
        const retryable = !(error instanceof NotifyError) || error.retryable;
        if (!retryable || attempt >= attempts) return { notifier: notifier.name, error: `${(error as Error).message} (after ${attempt} attempt${attempt > 1 ? "s" : ""})` };
        await sleep((error instanceof NotifyError && error.retryAfterMs) || baseDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  return {
    notifiers,
    async send(notification: Notification): Promise<NotifyFailure[]> {
      const results = await Promise.all(notifiers.map((notifier) => deliver(notifier, notification)));
      return results.filter((result): result is NotifyFailure => result !== undefined);
    },
    async createWarRoom(name: string, topic: string): Promise<WarRoom | undefined> {
      const capable = notifiers.find((notifier) => notifier.createWarRoom);
      return capable?.createWarRoom?.(name, topic);
    },
  };
}
