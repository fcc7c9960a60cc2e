import { describe, expect, it } from "vitest";
import { handleEvent, type HandleEventDeps } from "../../src/app/handle-event.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { IssueRef } from "../../src/core/model.js";
import type { Forge } from "../../src/ports/forge.js";
import type { Sandbox } from "../../src/sandbox/index.js";
import { eventDeps, eachTestWithSev1, sev1Labeled, SEV1_REPO } from "../helpers/sandbox-forge.js";

/**
 * Reopen and re-resolve through the real pipeline and forge adapters on the sandbox: what the
 * second resolution makes stale (the follow-up, the post-mortem) is closed or updated on the forge.
 */
const REPO = SEV1_REPO;
const START = Date.parse("2026-12-01T10:00:00Z");
const minute = (n: number) => new Date(START + n * 60_000);

describe.each(["github", "gitlab"] as const)("re-resolving on %s", (platform) => {
  let sandbox: Sandbox;
  let forge: Forge;
  let source: IssueRef;
  let commentId = 9000;

  eachTestWithSev1((fresh) => ({ sandbox, forge, source } = fresh), {
    platform,
    reporter: "lee",
    collaborators: { lee: "write", kim: "write" },
  });

  const deps = (at: number): HandleEventDeps =>
    eventDeps(forge, () => minute(at), { notify: () => undefined });

  async function play(at: number, event: DomainEvent) {
    await handleEvent(deps(at), event, minute(at).toISOString());
  }

  async function say(at: number, body: string, login = "lee") {
    await play(at, {
      kind: "comment-created",
      issue: await forge.getIssue(source),
      actor: { login, isBot: false },
      comment: { id: ++commentId, body, author: login, byBot: false },
      permission: "write",
    });
  }

  const find = (prefix: string) =>
    sandbox.issues(REPO).find((issue) => issue.title.startsWith(prefix))!;
  const refOf = (number: number): IssueRef => ({ platform, repo: REPO, number });

  async function resolvedOnceThenReopened() {
    await play(0, await sev1Labeled(forge, source, "lee"));
    await say(4, "/ack");
    await say(30, "/resolve rolled back; root cause unknown");
    expect(find("Follow-up:").state).toBe("open");
    expect(find("Post-mortem:").body).toContain("Not identified yet");
    await say(60, "/reopen");
    await say(70, "/ack", "kim");
  }

  it("closes the follow-up with the root cause and rewrites the untouched post-mortem", async () => {
    await resolvedOnceThenReopened();
    await say(90, "/resolve root cause: a bad config push");
    const followUp = find("Follow-up:");
    expect(followUp.state).toBe("closed");
    const notes = await forge.listComments(refOf(followUp.number));
    expect(notes.map((note) => note.body).join("\n")).toMatch(
      /The root cause is known: a bad config push\. Closing this follow-up/,
    );
    const postMortem = find("Post-mortem:");
    expect(postMortem.body).toMatch(/## Root cause\na bad config push/);
    expect(postMortem.body).toMatch(
      /Time to acknowledge \| 4 min[\s\S]*Time to resolve \| 1 h 30 min/,
    );
    expect(postMortem.body).toContain(
      `<!-- sevbot:postMortem-for ${platform}:${REPO}#${source.number} -->`,
    );
    expect(
      sandbox.issues(REPO).filter((issue) => issue.title.startsWith("Post-mortem:")),
    ).toHaveLength(1);
    const log = find("[SEV-1]");
    expect(log.body).toMatch(/time to acknowledge\) \| .* \(after 4 min\)/);
    expect(log.body).toContain(
      `Follow-up ${REPO}#${followUp.number} closed: the root cause is known`,
    );
    expect(log.body).toContain(`Post-mortem ${REPO}#${postMortem.number} updated`);
  });

  it("a post-mortem people have edited keeps their text and gets a comment instead", async () => {
    await resolvedOnceThenReopened();
    const postMortem = find("Post-mortem:");
    const edited = `${postMortem.body}\n\nImpact: every card payment for 30 minutes.`;
    await forge.updateIssue(refOf(postMortem.number), { body: edited });
    await say(90, "/resolve root cause: a bad config push");
    expect(find("Post-mortem:").body).toBe(edited);
    const notes = await forge.listComments(refOf(postMortem.number));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toMatch(
      /edited by people[\s\S]*Root cause:\*\* a bad config push[\s\S]*1 h 30 min/,
    );
  });

  it("after a close without /resolve, `/resolve root cause: …` is recorded and closes the follow-up", async () => {
    await play(0, await sev1Labeled(forge, source, "lee"));
    await say(4, "/ack");
    await play(30, {
      kind: "issue-closed",
      issue: await forge.getIssue(source),
      actor: { login: "lee", isBot: false },
    });
    expect(find("Follow-up:").state).toBe("open");
    await say(45, "/resolve root cause: expired TLS certificate");
    expect(find("Follow-up:").state).toBe("closed");
    const replies = (await forge.listComments(source)).map((note) => note.body).join("\n");
    expect(replies).not.toMatch(/already resolved/);
    expect(replies).toMatch(/📝 Recorded: root cause: expired TLS certificate/);
    expect(find("[SEV-1]").body).toMatch(/Root cause \| expired TLS certificate/);
    expect(find("Post-mortem:").body).toMatch(/## Root cause\nexpired TLS certificate/);
  });
});
