import { describe, expect, it } from "vitest";
import { handleEvent, type HandleEventDeps } from "../../src/app/handle-event.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { IssueRef } from "../../src/core/model.js";
import type { Notification } from "../../src/core/notification.js";
import type { Forge } from "../../src/ports/forge.js";
import type { Sandbox } from "../../src/sandbox/index.js";
import { eventDeps, eachTestWithSev1, sev1Labeled, SEV1_REPO } from "../helpers/sandbox-forge.js";

/**
 * With replicas, a page is a durable job whose id is the incident and the step. These check the two
 * halves that make "killed mid-job" lose nothing: the job is queued before any forge write (the log
 * issue already carries the ledger that records the step as done), and a retried job plans the same
 * step ids as the attempt it replaces.
 */
const REPO = SEV1_REPO;

describe("pages queued durably before the save, with ids a retry reproduces", () => {
  let sandbox: Sandbox;
  let forge: Forge;
  let source: IssueRef;

  eachTestWithSev1((fresh) => ({ sandbox, forge, source } = fresh));

  const labeled = (): Promise<DomainEvent> => sev1Labeled(forge, source);
  const logIssue = () => sandbox.issues(REPO).find((issue) => issue.title.startsWith("[SEV-1]"));

  function deps(options: {
    now: string;
    durable: boolean;
    forge?: Forge;
    sent: Array<{ key: string; ledgerHadIt: boolean }>;
  }): HandleEventDeps {
    return eventDeps(options.forge ?? forge, () => new Date(options.now), {
      notify: (notification: Notification) =>
        void options.sent.push({
          key: notification.key,
          ledgerHadIt: (logIssue()?.body ?? "").includes(notification.key),
        }),
      notifyDurably: options.durable,
    });
  }

  it("queued durably, the page is handed over before any forge write (the log issue records it as done)", async () => {
    const sent: Array<{ key: string; ledgerHadIt: boolean }> = [];
    await handleEvent(deps({ now: "2026-12-01T10:00:00Z", durable: true, sent }), await labeled());
    const page = sent.find((entry) => entry.key.endsWith("-s0"));
    expect(page).toBeDefined();
    expect(page!.ledgerHadIt).toBe(false);
    expect(logIssue()!.body).toContain(page!.key); // and the writes that followed recorded it
  });

  it("sent directly (one process), the page still goes out when a write after the log issue fails", async () => {
    const sent: Array<{ key: string; ledgerHadIt: boolean }> = [];
    const failing: Forge = {
      ...forge,
      createComment: async () =>
        Promise.reject(Object.assign(new Error("Server Error"), { status: 500 })),
    };
    await expect(
      handleEvent(
        deps({ now: "2026-12-01T10:00:00Z", durable: false, forge: failing, sent }),
        await labeled(),
      ),
    ).rejects.toThrow();
    expect(logIssue()!.body).toMatch(/esc-\d+-s0/); // the ledger says the page went out…
    expect(sent.map((entry) => entry.key)).toContain(logIssue()!.body!.match(/esc-\d+-s0/)![0]); // …and it did
  });

  const pages = (sent: Array<{ key: string }>) =>
    sent.map((entry) => entry.key).filter((key) => key.startsWith("esc-"));
  const createFails: () => Forge = () => ({
    ...forge,
    createIssue: async () =>
      Promise.reject(Object.assign(new Error("Server Error"), { status: 500 })),
  });

  it("an attempt that died before the log issue existed is retried minutes later with the same page ids (its receivedAt)", async () => {
    const receivedAt = "2026-12-01T10:00:30Z";
    const first: Array<{ key: string; ledgerHadIt: boolean }> = [];
    await expect(
      handleEvent(
        deps({ now: "2026-12-01T10:00:31Z", durable: true, forge: createFails(), sent: first }),
        await labeled(),
        receivedAt,
      ),
    ).rejects.toThrow();
    expect(logIssue()).toBeUndefined();
    const retry: Array<{ key: string; ledgerHadIt: boolean }> = [];
    await handleEvent(
      deps({ now: "2026-12-01T10:06:00Z", durable: true, sent: retry }),
      await labeled(),
      receivedAt,
    );
    expect(pages(first)).toHaveLength(1);
    expect(pages(retry)).toEqual(pages(first)); // the same job id: the queue drops the repeat
  });

  it("without the job's receivedAt, the same retry would plan other ids (a second page)", async () => {
    const first: Array<{ key: string; ledgerHadIt: boolean }> = [];
    await expect(
      handleEvent(
        deps({ now: "2026-12-01T10:00:31Z", durable: true, forge: createFails(), sent: first }),
        await labeled(),
      ),
    ).rejects.toThrow();
    const retry: Array<{ key: string; ledgerHadIt: boolean }> = [];
    await handleEvent(
      deps({ now: "2026-12-01T10:06:00Z", durable: true, sent: retry }),
      await labeled(),
    );
    expect(pages(retry)).not.toEqual(pages(first));
  });

  it("an attempt that died after the log issue existed had queued its page; the retry plans the same id again", async () => {
    const receivedAt = "2026-12-01T10:00:30Z";
    const first: Array<{ key: string; ledgerHadIt: boolean }> = [];
    const commentFails: Forge = {
      ...forge,
      createComment: async () =>
        Promise.reject(Object.assign(new Error("Server Error"), { status: 500 })),
    };
    await expect(
      handleEvent(
        deps({ now: "2026-12-01T10:00:31Z", durable: true, forge: commentFails, sent: first }),
        await labeled(),
        receivedAt,
      ),
    ).rejects.toThrow();
    expect(logIssue()).toBeDefined();
    const retry: Array<{ key: string; ledgerHadIt: boolean }> = [];
    await handleEvent(
      deps({ now: "2026-12-01T10:06:00Z", durable: true, sent: retry }),
      await labeled(),
      receivedAt,
    );
    expect(pages(first)).toHaveLength(1);
    expect(pages(retry).filter((key) => !pages(first).includes(key))).toEqual([]);
    expect(sandbox.issues(REPO).filter((issue) => issue.title.startsWith("[SEV-1]"))).toHaveLength(
      1,
    );
  });
});
