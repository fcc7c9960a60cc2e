import { describe, expect, it } from "vitest";
import { handleEvent, type HandleEventDeps } from "../../src/app/handle-event.js";
import { LogChangedError } from "../../src/app/incident-store.js";
import { isPermanentFailure } from "../../src/app/retry-policy.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { IssueRef } from "../../src/core/model.js";
import { readStateBlock } from "../../src/core/state-block.js";
import type { Forge } from "../../src/ports/forge.js";
import type { Sandbox } from "../../src/sandbox/index.js";
import { eachTestWithSev1, eventDeps, sev1Labeled, SEV1_REPO } from "../helpers/sandbox-forge.js";

const START = Date.parse("2026-12-01T10:00:00Z");
const minute = (n: number) => new Date(START + n * 60_000);

/**
 * Two processes with no lock in common (the Action's run for a comment on the log issue beside
 * the run for the source issue; `sevbot tick` beside a server) both read the log, decide, and
 * write it: the later write used to undo the earlier one. With `guardLogWrites`, the later job
 * finds the log changed, fails, and its retry decides on what the log says then.
 */
describe.each(["github", "gitlab"] as const)("two runs writing one log, on %s", (platform) => {
  let sandbox: Sandbox;
  let forge: Forge;
  let source: IssueRef;
  let commentId = 7000;

  eachTestWithSev1((fresh) => ({ sandbox, forge, source } = fresh), {
    platform,
    reporter: "lee",
    collaborators: { lee: "write", kim: "write" },
  });

  const deps = (on: Forge, guard: boolean): HandleEventDeps =>
    eventDeps(on, () => minute(4), { notify: () => undefined, guardLogWrites: guard });

  async function said(body: string, login: string): Promise<DomainEvent> {
    return {
      kind: "comment-created",
      issue: await forge.getIssue(source),
      actor: { login, isBot: false },
      comment: { id: ++commentId, body, author: login, byBot: false },
    };
  }

  /**
   * `/ack` by lee, and `meanwhile` run whole while lee's run is between its read and its write
   * (by default kim's `/status`, handled by another process).
   */
  async function race(guard: boolean, meanwhile?: () => Promise<unknown>): Promise<unknown> {
    await handleEvent(deps(forge, false), await sev1Labeled(forge, source, "lee"));
    const status = await said("/status the primary database is failing over", "kim");
    const ack = await said("/ack", "lee");
    let raced = false;
    const interleaved: Forge = {
      ...forge,
      async addLabels(ref, labels) {
        if (!raced) {
          raced = true;
          await (meanwhile ?? (() => handleEvent(deps(forge, guard), status)))();
        }
        return forge.addLabels(ref, labels);
      },
    };
    const first = await handleEvent(deps(interleaved, guard), ack).catch((error) => error);
    // The queue retries a failed job: the second attempt decides on the log as it is now.
    if (first instanceof Error) await handleEvent(deps(forge, guard), ack);
    return first;
  }

  const logState = () => {
    const log = sandbox.issues(SEV1_REPO).find((issue) => issue.title.startsWith("[SEV-1]"))!;
    const read = readStateBlock(log.body ?? "");
    if (read.kind !== "ok") throw new Error(`no state in the log: ${read.kind}`);
    return read.incident;
  };
  const timeline = () => logState().timeline.map((entry) => entry.text);

  it("keeps both: the acknowledgement and the status update, each said once", async () => {
    const first = await race(true);
    expect(first).toBeInstanceOf(LogChangedError);
    expect(isPermanentFailure(first)).toBe(false);
    expect(logState()).toMatchObject({ status: "acknowledged", lead: "lee" });
    expect(timeline().filter((text) => text.includes("failing over"))).toHaveLength(1);
    expect(timeline().filter((text) => text.startsWith("Acknowledged by lee"))).toHaveLength(1);
    const bodies = sandbox.comments(SEV1_REPO, source.number).map((c) => c.body ?? "");
    const markers = bodies.flatMap((body) => [...body.matchAll(/<!-- sevbot:([^ ]+) -->/g)]);
    const keys = markers.map((match) => match[1]!);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it("a change to the log's text that leaves its state alone is no conflict", async () => {
    const log = () => sandbox.issues(SEV1_REPO).find((issue) => issue.title.startsWith("[SEV-1]"))!;
    const edited = async () => {
      const ref = { platform, repo: SEV1_REPO, number: log().number };
      await forge.updateIssue(ref, { body: `${log().body ?? ""}\n\nA note from the team.` });
    };
    expect(await race(true, edited)).not.toBeInstanceOf(Error);
    expect(logState()).toMatchObject({ status: "acknowledged", lead: "lee" });
  });

  it("without the guard, the later write undoes the status update (what the guard prevents)", async () => {
    expect(await race(false)).not.toBeInstanceOf(Error);
    expect(timeline().filter((text) => text.includes("failing over"))).toEqual([]);
  });
});
