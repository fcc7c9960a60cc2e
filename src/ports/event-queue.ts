import type { DomainEvent } from "../core/events.js";
import type { IssueRef, Platform } from "../core/model.js";
import type { Notification } from "../core/notification.js";

/**
 * One unit of work as data, so that any replica can run it: the event and what the platform
 * needs to act on it. `id` is deterministic (delivery id + the event's place in it), so a
 * duplicated delivery is the same job wherever it lands.
 */
export interface EventJob {
  id: string;
  name: string;
  /** Lower runs first: Sev-1 work overtakes Sev-4 bookkeeping (principle 8). */
  priority: number;
  platform: Platform;
  /** GitHub: the installation whose token the job acts with, and whether the repository is private. */
  installationId?: number;
  repoPrivate?: boolean;
  /** When sevbot accepted the event (its clock, ISO): every attempt of the job decides with it. */
  receivedAt?: string;
  event: DomainEvent;
}

export type EventRunner = (job: EventJob) => Promise<void>;

/** Where a follow-up job runs: the same platform (and GitHub installation) as the job that notified. */
export type JobContext = Pick<EventJob, "platform" | "installationId" | "repoPrivate">;

/** A notification as data, for replicas that send them as durable jobs. */
export interface NotificationJob {
  notification: Notification;
  source: IssueRef;
  context: JobContext;
}

/**
 * `coalesced`: an identical job (same event, same issue) was still waiting to run, so this one
 * was dropped; the waiting one does the same work.
 */
export type PushOutcome = "queued" | "coalesced";

/** The work queue: in-process by default, BullMQ on Redis for several replicas. */
export interface EventQueue {
  push(job: EventJob): Promise<PushOutcome>;
  /** How a platform's jobs run; every replica registers the same runners. */
  handle(platform: Platform, runner: EventRunner): void;
  /** Resolves when nothing is queued or running (in this process, or in Redis). */
  idle(): Promise<void>;
  depth(): Promise<number>;
  close(): Promise<void>;
}

/** Periodic work that must run on one replica at a time (the scheduler's tick). */
export interface Scheduler {
  every(name: string, intervalMs: number, work: () => Promise<void>): void;
  close(): Promise<void>;
}

/** Delivery dedupe: true the first time an id is claimed, false for every repeat. */
export interface DeliveryClaims {
  claim(deliveryId: string): Promise<boolean>;
  /** Gives a claim back when the delivery could not be queued, so its redelivery is not dropped. */
  release?(deliveryId: string): Promise<void>;
  readonly duplicates: number;
}
