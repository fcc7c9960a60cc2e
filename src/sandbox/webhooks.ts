import { createHmac, randomUUID } from "node:crypto";
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
}

export interface WebhookSender {
  enqueue(event: string, payload: { action: string } & Record<string, unknown>): void;
  setUrl(url: string | undefined): void;
  idle(): Promise<void>;
  deliveries: DeliveryRecord[];
}

/**
 * Delivers signed webhooks in order, one at a time, as GitHub would for each change. Faults may
 * drop a delivery, send it twice at once (same delivery id) or swap it with the next one.
 */
export function createWebhookSender(secret: string, faults: () => FaultInjector, log: (line: string) => void): WebhookSender {
  const queue: Pending[] = [];
  const deliveries: DeliveryRecord[] = [];
  let url: string | undefined;
  let running: Promise<void> | undefined;

  async function post(item: Pending): Promise<number> {
    if (!url) return 0;
    const signature = `sha256=${createHmac("sha256", secret).update(item.body).digest("hex")}`;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "GitHub-Hookshot/sandbox", "x-github-event": item.event, "x-github-delivery": item.id, "x-github-hook-id": "1", "x-hub-signature-256": signature },
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
      if (fault === "reorder-webhook" && queue.length > 1) [queue[0], queue[1]] = [queue[1]!, queue[0]!];
      const item = queue.shift()!;
      if (fault === "drop-webhook") {
        deliveries.push({ id: item.id, event: item.event, action: item.action, status: 0, fault });
        continue;
      }
      const sends = fault === "duplicate-webhook" ? [post(item), post(item)] : [post(item)];
      const statuses = await Promise.all(sends);
      for (const status of statuses) deliveries.push({ id: item.id, event: item.event, action: item.action, status, ...(fault ? { fault } : {}) });
    }
  }

  return {
    deliveries,
    enqueue(event, payload) {
      queue.push({ id: randomUUID(), event, action: payload.action, body: JSON.stringify(payload) });
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
