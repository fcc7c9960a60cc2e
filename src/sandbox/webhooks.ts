import { randomUUID } from "node:crypto";
import type { FaultInjector } from "./faults.js";

export interface DeliveryRecord {
  id: string;
  event: string;
  action: string;
  status: number;
  fault?: string;
}

interface Pending {
  id: string;
  event: string;
  action: string;
  body: string;
  /** Fixed when the change happens, so a duplicated delivery repeats them. */
  headers: Record<string, string>;
}

/** How a platform addresses its deliveries. */
export interface DeliveryStyle {
  /** Headers of one delivery; a duplicate repeats them. `id` is the delivery's dedupe key. */
  headers(delivery: { id: string; event: string; body: string }): Record<string, string>;
  /** Headers new on every request, a duplicate included (GitLab's `X-Gitlab-Webhook-UUID`). */
  perRequest?(): Record<string, string>;
}

export interface WebhookSender {
  enqueue(event: string, action: string, payload: object): void;
  setUrl(url: string | undefined): void;
  idle(): Promise<void>;
  deliveries: DeliveryRecord[];
}

/**
 * Delivers webhooks in order, one at a time, as the forge would for each change. Faults may
 * drop a delivery, send it twice at once (same delivery id) or swap it with the next one.
 */
export function createWebhookSender(
  style: DeliveryStyle,
  faults: () => FaultInjector,
  log: (line: string) => void,
): WebhookSender {
  const queue: Pending[] = [];
  const deliveries: DeliveryRecord[] = [];
  let url: string | undefined;
  let running: Promise<void> | undefined;

  async function post(item: Pending): Promise<number> {
    if (!url) return 0;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { ...item.headers, ...style.perRequest?.() },
        body: item.body,
      });
      await response.arrayBuffer();
      return response.status;
    } catch (error) {
      log(`webhook ${item.event}.${item.action} ${item.id} failed: ${(error as Error).message}`);
      return 0;
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const fault = faults().forDelivery();
      if (fault === "reorder-webhook" && queue.length > 1)
        [queue[0], queue[1]] = [queue[1]!, queue[0]!];
      const item = queue.shift()!;
      if (fault === "drop-webhook") {
        deliveries.push({ id: item.id, event: item.event, action: item.action, status: 0, fault });
        continue;
      }
      const sends = fault === "duplicate-webhook" ? [post(item), post(item)] : [post(item)];
      const statuses = await Promise.all(sends);
      for (const status of statuses)
        deliveries.push({
          id: item.id,
          event: item.event,
          action: item.action,
          status,
          ...(fault ? { fault } : {}),
        });
    }
  }

  return {
    deliveries,
    enqueue(event, action, payload) {
      const id = randomUUID();
      const body = JSON.stringify(payload);
      queue.push({ id, event, action, body, headers: style.headers({ id, event, body }) });
      running ??= drain().finally(() => (running = undefined));
    },
    setUrl(next) {
      url = next;
    },
    async idle() {
      while (running) await running;
    },
  };
}
