import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createLocalDeclarationTokens,
  MINT_WINDOW_MS,
  type DeclarationTokens,
} from "../../src/app/declaration-tokens.js";
import { newEventJob, pushEventJob } from "../../src/app/event-jobs.js";
import { handleEvent, type HandleEventDeps } from "../../src/app/handle-event.js";
import { createRuntime } from "../../src/app/runtime.js";
import type { DomainEvent, IssueSnapshot } from "../../src/core/events.js";
import type { Forge } from "../../src/ports/forge.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { human } from "../helpers/builders.js";
import { eventDeps, sandboxForge } from "../helpers/sandbox-forge.js";

let sandbox: Sandbox;
let forge: Forge;

beforeAll(async () => {
  sandbox = await startSandbox({ webhookSecret: "s" });
  forge = sandboxForge(sandbox);
});
afterAll(() => sandbox.close());

let repos = 0;
/** A new repository and issue on the sandbox, and what the webhooks would say about it. */
async function freshIssue() {
  const repo = `acme/tokens-${++repos}`;
  sandbox.createRepo(repo, { collaborators: { dana: "write" } });
  const number = await sandbox.openIssue(repo, { as: "reporter", title: "Checkout is down" });
  const issue = await forge.getIssue({ platform: "github", repo, number });
  const opened: DomainEvent = { kind: "issue-opened", issue, actor: human };
  const labeled: DomainEvent = {
    kind: "issue-labeled",
    issue: { ...issue, labels: ["severity::1"] } satisfies IssueSnapshot,
    actor: human,
    label: "severity::1",
  };
  return { repo, number, opened, labeled };
}

/** A store that began before the test's issues were created (sevbot was already running). */
const running = () => createLocalDeclarationTokens({ since: 0 });

function deps(
  declarations: DeclarationTokens | undefined,
  through: Forge = forge,
): HandleEventDeps {
  return eventDeps(through, () => new Date(), declarations ? { declarations } : {});
}

/** What ingress does with an `opened` delivery (`pushEventJob`): mint the issue's token. */
async function seenOpened(app: HandleEventDeps, opened: DomainEvent) {
  await app.declarations?.mint(opened.issue.ref, opened.issue.createdAt);
}

/** The similar-incident search that ends a declaration: the newest log issues, no `since`. */
const isSimilarSearch = (request: { write: boolean; path: string }) =>
  !request.write && /\/issues\?.*state=all/.test(request.path) && !request.path.includes("since=");

/**
 * The forge requests `work` makes on the sandbox, as the bench counts them; the similar-incident
 * search (a feature of its own, one listing) apart from the reads the declaration itself needs.
 */
async function requestsOf(work: () => Promise<unknown>) {
  const before = sandbox.requests.length;
  await work();
  const made = sandbox.requests.slice(before);
  return {
    reads: made.filter((request) => !request.write && !isSimilarSearch(request)).length,
    writes: made.filter((request) => request.write).length,
    similar: made.filter(isSimilarSearch).length,
    invalid: made.filter((request) => !request.valid),
  };
}

function logsFor(repo: string, number: number) {
  return sandbox
    .issues(repo)
    .filter((issue) => issue.body?.includes(`<!-- sevbot:log-for github:${repo}#${number} -->`));
}

function checklists(repo: string, number: number) {
  return sandbox
    .comments(repo, number)
    .filter((comment) => comment.body.includes("<!-- sevbot:checklist -->"));
}

describe("declaring on an issue sevbot saw opened", () => {
  it("costs 1 read and 3 writes: comments, then log issue, checklist, status label", async () => {
    const { repo, number, opened, labeled } = await freshIssue();
    const app = deps(running());
    await seenOpened(app, opened);
    const counted = await requestsOf(() => handleEvent(app, labeled));
    expect(counted).toEqual({ reads: 1, writes: 3, similar: 1, invalid: [] });
    expect(logsFor(repo, number)).toHaveLength(1);
    expect(checklists(repo, number)).toHaveLength(1);
  });

  it("without the opened event (sevbot was not running) it still searches: 2 reads and 3 writes", async () => {
    const { labeled } = await freshIssue();
    const counted = await requestsOf(() => handleEvent(deps(running()), labeled));
    expect(counted).toEqual({ reads: 2, writes: 3, similar: 1, invalid: [] });
  });

  it("after a restart, a redelivered opened event of an issue created before mints nothing", async () => {
    const { opened, labeled } = await freshIssue();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // created_at is in whole seconds
    const restarted = createLocalDeclarationTokens(); // began after the issue was created
    await seenOpened(deps(restarted), opened);
    expect(await restarted.spend(labeled.issue.ref)).toBe(false);
  });

  it("an opened event delivered long after the issue was created mints nothing", async () => {
    const { opened, labeled } = await freshIssue();
    const late = Date.parse(opened.issue.createdAt!) + MINT_WINDOW_MS + 1000;
    const tokens = createLocalDeclarationTokens({ now: () => late, since: 0 });
    await seenOpened(deps(tokens), opened);
    expect(await tokens.spend(labeled.issue.ref)).toBe(false);
  });
});

describe("ingress", () => {
  it("mints when it queues an opened event, before any job runs; other events mint nothing", async () => {
    const tokens = running();
    const runtime = createRuntime(
      { now: () => new Date() },
      { info: () => undefined, warn: () => undefined, error: () => undefined },
      { coordination: { declarations: tokens } },
    );
    const { opened, labeled } = await freshIssue();
    const other = await freshIssue();
    const job = (event: DomainEvent, id: string) =>
      newEventJob(runtime, { id, name: id, platform: "github", event });
    await pushEventJob(runtime, job(other.labeled, "labeled"));
    await pushEventJob(runtime, job(opened, "opened"));
    expect(await runtime.events.depth()).toBe(2); // nothing ran: no runner yet
    expect(await tokens.spend(labeled.issue.ref)).toBe(true);
    expect(await tokens.spend(other.labeled.issue.ref)).toBe(false);
  });
});

describe("the in-memory token store", () => {
  const at = (number: number) => ({ platform: "github" as const, repo: "acme/shop", number });
  const created = new Date().toISOString();

  it("remembers the trackers attempts opened logs in, in order, as long as the tombstone", async () => {
    let now = Date.now();
    const tokens = createLocalDeclarationTokens({ now: () => now, since: 0 });
    await tokens.mint(at(5), created);
    expect(await tokens.spend(at(5), "acme/incidents")).toBe(true);
    expect(await tokens.spend(at(5), "acme/shop")).toBe(false);
    expect(await tokens.spend(at(5), "acme/incidents")).toBe(false);
    expect(await tokens.trackers(at(5))).toEqual(["acme/incidents", "acme/shop"]);
    expect(await tokens.trackers(at(6))).toEqual([]);
    now += 31 * 24 * 60 * 60_000;
    expect(await tokens.trackers(at(5))).toEqual([]);
  });

  it("when full it mints no more, rather than forget a tombstone; expired entries make room", async () => {
    let now = Date.now();
    const tokens = createLocalDeclarationTokens({ maxEntries: 2, now: () => now, since: 0 });
    await tokens.mint(at(1), created);
    expect(await tokens.spend(at(1))).toBe(true); // a tombstone now
    await tokens.mint(at(2), created);
    await tokens.mint(at(3), created); // full: no token
    await tokens.mint(at(1), created); // the tombstone stays
    expect([await tokens.spend(at(1)), await tokens.spend(at(3))]).toEqual([false, false]);
    expect(await tokens.spend(at(2))).toBe(true);
    now += 31 * 24 * 60 * 60_000; // every entry expired
    await tokens.mint(at(4), new Date(now).toISOString());
    expect(await tokens.spend(at(4))).toBe(true);
  });
});

/** A job that dies at its `at`-th forge write: before the write, or just after it. */
function dyingForge(at: number, after: boolean): Forge {
  let writes = 0;
  const die = async <T>(write: () => Promise<T>): Promise<T> => {
    if (++writes !== at) return write();
    if (after) await write();
    throw new Error(`job died ${after ? "after" : "before"} write ${at}`);
  };
  return {
    ...forge,
    createIssue: (repo, issue) => die(() => forge.createIssue(repo, issue)),
    createComment: (ref, body) => die(() => forge.createComment(ref, body)),
    addLabels: (ref, labels) => die(() => forge.addLabels(ref, labels)),
    updateIssue: (ref, patch) => die(() => forge.updateIssue(ref, patch)),
  };
}

describe("a job that dies between the log issue and the checklist", () => {
  it("leaves one log issue: the next attempt (another replica) finds its token spent and searches", async () => {
    const { repo, number, opened, labeled } = await freshIssue();
    const tokens = running();
    await seenOpened(deps(tokens), opened);
    await expect(handleEvent(deps(tokens, dyingForge(2, false)), labeled)).rejects.toThrow(
      "job died before write 2",
    );
    expect(logsFor(repo, number)).toHaveLength(1);
    expect(checklists(repo, number)).toHaveLength(0);
    const retry = await requestsOf(() => handleEvent(deps(tokens), labeled));
    // Comments, then the search that finds the log: it is brought up to date, never opened again.
    expect(retry.reads).toBe(2);
    expect(logsFor(repo, number)).toHaveLength(1);
    expect(checklists(repo, number)[0]!.body).toContain(`#${logsFor(repo, number)[0]!.number}`);
  });

  it("any sequence of deliveries, late or repeated, with jobs dying at any write and restarts, ends with one log and one checklist", async () => {
    const step = fc.record({
      // `restart`: one process without Redis starts again with an empty store.
      kind: fc.constantFrom("opened", "labeled", "labeled", "restart"),
      dieAt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      after: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const { repo, number, opened, labeled } = await freshIssue();
        let tokens = running();
        for (const { kind, dieAt, after } of steps) {
          if (kind === "restart") {
            // The worst case: it began the very second the issue was created.
            tokens = createLocalDeclarationTokens({ since: Date.parse(opened.issue.createdAt!) });
            continue;
          }
          const through = dieAt === undefined ? forge : dyingForge(dieAt, after);
          if (kind === "opened") {
            await seenOpened(deps(tokens), opened);
            continue;
          }
          await handleEvent(deps(tokens, through), labeled).catch((error: Error) => {
            if (!error.message.startsWith("job died")) throw error;
          });
        }
        await handleEvent(deps(tokens), labeled); // the queue's last retry, which succeeds
        expect(logsFor(repo, number)).toHaveLength(1);
        expect(checklists(repo, number)).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
