import { hostname } from "node:os";
import type { NotifyFailure } from "../../app/execute.js";
import type { Notification } from "../../core/notification.js";
import type { NotificationOutcome, Notifier, WarRoom } from "../../ports/notifier.js";
import { NotifyError } from "./http.js";

export interface HubOptions {
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** How many (notifier, key) successes to remember, so a retried job does not notify twice. */
  remember?: number;
  /** Where successes are remembered: this process by default; Redis with replicas (any replica may re-run a job). */
  ledger?: SentLedger;
  /** Who is sending, as the ledger records it (host and process by default). */
  owner?: string;
  warn?: (message: string) => void;
  /** Told how each notifier's delivery ended (`/metrics`). */
  observe?: (notifier: string, outcome: NotificationOutcome) => void;
}

/**
 * Which (notifier, incident, step) sends succeeded, and which are under way. Never throws: a
 * ledger that cannot answer says "not sent" and "nobody was sending", so the failure mode is
 * a repeat, never a lost page.
 */
export interface SentLedger {
  has(key: string): Promise<boolean>;
  /**
   * `owner` starts sending `key`. Returns who had started it before and never finished: a run
   * stopped mid-send (a SIGKILLed replica), so the message may already have arrived.
   */
  start(key: string, owner: string): Promise<string | undefined>;
  /** The send succeeded. */
  add(key: string): Promise<void>;
  /** The send ended without success: nobody is sending it any more. */
  abandon(key: string): Promise<void>;
}

/**
 * One process's ledger. Nothing here outlives a run that died mid-send, and the hub never runs
 * one key twice at once, so there is never an earlier send under way to report.
 */
export function memorySentLedger(limit = 10_000): SentLedger {
  const sent = new Set<string>();
  return {
    has: async (key) => sent.has(key),
    start: async () => undefined,
    async add(key) {
      sent.add(key);
      if (sent.size > limit) sent.delete(sent.values().next().value as string);
    },
    abandon: async () => undefined,
  };
}

/**
 * Sends to every notifier in parallel; each retries with exponential backoff (honouring
 * Retry-After) and never blocks or fails the others. Failures are returned for the timeline.
 */
export function createNotifierHub(notifiers: Notifier[], options: HubOptions = {}) {
  const attempts = options.attempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const ledger = options.ledger ?? memorySentLedger(options.remember);
  const owner = options.owner ?? `${hostname()}:${process.pid}`;
  const warn = options.warn ?? (() => undefined);
  const observe = options.observe ?? (() => undefined);

  // Sends under way in this process: the same key handed over again meanwhile (a retried job in
  // one process sends in the background) waits for that send instead of racing it.
  const inFlight = new Map<string, Promise<NotifyFailure | undefined>>();

  async function deliver(
    notifier: Notifier,
    notification: Notification,
  ): Promise<NotifyFailure | undefined> {
    if (notifier.handles && !notifier.handles(notification)) return undefined;
    // Step keys repeat across incidents (two declared in the same minute share `esc-…-s0`): the incident is part of the key.
    const key = `${notifier.name}:${notification.incidentKey}:${notification.key}`;
    const running = inFlight.get(key);
    if (running) return void (await running);
    const sending = deliverOnce(notifier, notification, key).finally(() => inFlight.delete(key));
    inFlight.set(key, sending);
    return sending;
  }

  async function deliverOnce(
    notifier: Notifier,
    notification: Notification,
    key: string,
  ): Promise<NotifyFailure | undefined> {
    if (await ledger.has(key)) return void observe(notifier.name, "already_sent");
    // At least once: a run that died between the request and the ledger cannot say whether the
    // message arrived. Sending again beats a lost page; the log says it may arrive twice.
    const earlier = await ledger.start(key, owner);
    if (earlier)
      warn(
        `notification ${key}: sending again, because an earlier run (${earlier}) stopped while sending it; it may arrive twice`,
      );
    for (let attempt = 1; ; attempt++) {
      try {
        await notifier.send(notification);
        await ledger.add(key);
        return void observe(notifier.name, earlier ? "resent_in_doubt" : "sent");
      } catch (error) {
        const retryable = !(error instanceof NotifyError) || error.retryable;
        if (!retryable || attempt >= attempts) {
          await ledger.abandon(key);
          observe(notifier.name, "failed");
          return {
            notifier: notifier.name,
            error: `${(error as Error).message} (after ${attempt} attempt${attempt > 1 ? "s" : ""})`,
          };
        }
        await sleep(
          (error instanceof NotifyError && error.retryAfterMs) || baseDelayMs * 2 ** (attempt - 1),
        );
      }
    }
  }

  return {
    notifiers,
    async send(notification: Notification): Promise<NotifyFailure[]> {
      const results = await Promise.all(
        notifiers.map((notifier) => deliver(notifier, notification)),
      );
      return results.filter((result): result is NotifyFailure => result !== undefined);
    },
    async createWarRoom(name: string, topic: string): Promise<WarRoom | undefined> {
      const capable = notifiers.find((notifier) => notifier.createWarRoom);
      return capable?.createWarRoom?.(name, topic);
    },
  };
}
