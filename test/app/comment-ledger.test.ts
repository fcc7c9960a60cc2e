import { describe, expect, it } from "vitest";
import { executeActions, type ExecutionContext } from "../../src/app/execute.js";
import type { Action } from "../../src/core/actions.js";
import { hasMarker } from "../../src/core/markers.js";
import type { Incident, IssueRef } from "../../src/core/model.js";
import { createMutations } from "../../src/sandbox/mutations.js";
import { createStore, userFor } from "../../src/sandbox/store.js";
import { createMemoryForge, type ForgeOp } from "../model/memory-forge.js";

/**
 * Comments sevbot writes outside the source issue (the architecture meeting's agenda) and on the
 * source during ticks are remembered in the ledger, which is saved only when the job ends. Found by
 * the model test: a job that failed after such a comment wrote it again on its retry.
 */
const REPO = "acme/shop";
const source: IssueRef = { platform: "github", repo: REPO, number: 2 };
const agenda: IssueRef = { platform: "github", repo: REPO, number: 1 };

function setup(failing: ForgeOp, afterWrite = false) {
  const store = createStore();
  const mutate = createMutations(store, { publish: () => undefined, flush: () => undefined });
  store.repos.set(REPO, {
    id: 1,
    owner: "acme",
    name: "shop",
    fullName: REPO,
    private: false,
    issues: new Map(),
    comments: [],
    labels: new Map(),
    files: new Map(),
    collaborators: new Map(),
  });
  const repo = store.repos.get(REPO)!;
  const dana = userFor(store, "dana");
  mutate.openIssue(repo, dana, { title: "Architecture meeting" });
  mutate.openIssue(repo, dana, { title: "Checkout is down" });
  let failures = 1;
  const forge = createMemoryForge(store, mutate, {
    check: (op) => (op === failing && failures-- > 0 ? { status: 503, afterWrite } : undefined),
  });
  const context = (unknownSource: boolean): ExecutionContext => ({
    forge,
    source: {
      ref: source,
      title: "Checkout is down",
      body: "",
      labels: [],
      state: "open",
      author: "dana",
      url: "",
      confidential: false,
    },
    sourceComments: [],
    sourceCommentsUnknown: unknownSource,
    notify: () => undefined,
    onLogCreated: () => undefined,
  });
  const count = (ref: IssueRef, key: string) =>
    repo.comments.filter((c) => c.issueNumber === ref.number && hasMarker(c.body, key)).length;
  return { context, count };
}

const incident: Incident = {
  source,
  title: "Checkout is down",
  severity: 2,
  status: "resolved",
  declaredAt: "2026-12-02T09:00:00.000Z",
  confidential: false,
  timeline: [],
  links: {},
  done: [],
};

const comment = (issue: IssueRef, key: string): Action => ({
  kind: "comment",
  key,
  issue,
  body: "text",
});
const label: Action = {
  kind: "add-labels",
  key: "status",
  issue: source,
  labels: ["incident::resolved"],
};

describe("a comment whose record was lost with a failed job is not written twice", () => {
  it("an agenda item, when a later action of the job failed", async () => {
    const { context, count } = setup("addLabels");
    const actions = [comment(agenda, "agenda-1"), label];
    await expect(executeActions(actions, incident, context(false))).rejects.toThrow("503");
    await executeActions(actions, incident, context(false));
    expect(count(agenda, "agenda-1")).toBe(1);
  });

  it("a tick's reminder on the source, when saving the ledger failed", async () => {
    const { context, count } = setup("addLabels");
    const actions = [comment(source, "stale-1"), label];
    await expect(executeActions(actions, incident, context(true))).rejects.toThrow("503");
    const retried = await executeActions(actions, incident, context(true));
    expect(count(source, "stale-1")).toBe(1);
    expect(retried?.done).toContain(`github:${REPO}#2/stale-1`);
  });
});

describe("a comment found after an ambiguous failure counts as written for the rest of the job", () => {
  it("two replies with one key, the first failing after its write: one comment", async () => {
    const { context, count } = setup("createComment", true);
    const reply = comment(source, "refused-7-2");
    await executeActions([reply, reply], incident, context(false));
    expect(count(source, "refused-7-2")).toBe(1);
  });
});
