import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/actions.js";
import { missedEvents, UNSEEN_ACTOR } from "../../src/core/catch-up.js";
import { decide } from "../../src/core/decide.js";
import type { CommentSnapshot, DomainEvent } from "../../src/core/events.js";
import { marker } from "../../src/core/markers.js";
import type { Incident } from "../../src/core/model.js";
import { REBUILT_NOTE } from "../../src/core/rebuild.js";
import { config, issue, labeled, NOW, ref } from "../helpers/builders.js";

const CONFIG = config();

/**
 * The issue as a person sees it, and sevbot's incident: events change the issue when they happen;
 * a run decides on them and carries its actions out on the issue (labels, keyed comments).
 */
interface World {
  labels: Set<string>;
  comments: CommentSnapshot[];
  incident: Incident | undefined;
  /** Keys of the comments sevbot posted, in order: a key twice is something done twice. */
  posted: string[];
  state: "open" | "closed";
  closedAt?: string;
}

/**
 * Comment ids count per world and apart for people and sevbot, so two plays of the same changes
 * give people's comments the same ids whichever replies came between them.
 */
const ids = new WeakMap<World, { person: number; bot: number }>();
const nextId = (world: World, by: "person" | "bot") => {
  const counted = ids.get(world) ?? { person: 1000, bot: 500_000 };
  ids.set(world, { ...counted, [by]: counted[by] + 1 });
  return counted[by] + 1;
};

type Change =
  | { kind: "comment"; body: string; as: string }
  | { kind: "label"; label: string }
  | { kind: "close"; at: string };

/** An open issue with nothing on it yet. */
function blankWorld(): World {
  return { labels: new Set(), comments: [], incident: undefined, posted: [], state: "open" };
}

/** A declared Sev-1 with its log issue. */
function newWorld(): World {
  const world = blankWorld();
  happen(world, { kind: "label", label: "severity::1" });
  run(world, ownEvent(world, { kind: "label", label: "severity::1" }), false);
  world.incident = { ...world.incident!, log: ref(100) };
  return world;
}

const snapshot = (world: World) =>
  issue({
    labels: [...world.labels],
    state: world.state,
    ...(world.closedAt ? { closedAt: world.closedAt } : {}),
  });

/** The change itself, on the issue: what a person does before any run starts. */
function happen(world: World, change: Change): void {
  if (change.kind === "label") world.labels.add(change.label);
  if (change.kind === "close") Object.assign(world, { state: "closed", closedAt: change.at });
  if (change.kind === "comment")
    world.comments.push({
      id: nextId(world, "person"),
      body: change.body,
      author: change.as,
      byBot: false,
    });
}

/** The webhook of the change that just happened. */
function ownEvent(world: World, change: Change): DomainEvent {
  const actor = { login: change.kind === "comment" ? change.as : UNSEEN_ACTOR.login, isBot: false };
  if (change.kind === "label")
    return { kind: "issue-labeled", issue: snapshot(world), actor, label: change.label };
  if (change.kind === "close") return { kind: "issue-closed", issue: snapshot(world), actor };
  const comment = world.comments.at(-1)!;
  return { kind: "comment-created", issue: snapshot(world), actor, comment, permission: "write" };
}

function carryOut(world: World, actions: Action[]): void {
  for (const action of actions) {
    if (action.kind === "add-labels") action.labels.forEach((label) => world.labels.add(label));
    if (action.kind === "remove-labels")
      action.labels.forEach((label) => world.labels.delete(label));
    if (action.kind === "comment") {
      world.posted.push(action.key);
      const body = `reply\n${marker(action.key)}`;
      world.comments.push({ id: nextId(world, "bot"), body, author: "sevbot[bot]", byBot: true });
    }
  }
}

function handle(world: World, event: DomainEvent): void {
  const decision = decide(world.incident, event, CONFIG, NOW);
  carryOut(world, decision.actions);
  world.incident = decision.incident;
}

/** One run, as the Action makes it: missed events first (looking again after each), then its own. */
function run(world: World, own: DomainEvent, catchingUp = true): void {
  const look = () =>
    missedEvents({
      incident: world.incident,
      issue: snapshot(world),
      comments: world.comments,
      own,
      config: CONFIG,
    });
  let missed = catchingUp ? look() : [];
  for (let rounds = missed.length; rounds > 0 && missed[0]; rounds--) {
    const event = missed[0];
    handle(world, event.kind === "comment-created" ? { ...event, permission: "write" } : event);
    missed = look();
  }
  handle(world, own);
}

/** Every change gets its run, except the `lost` ones (GitHub cancelled them). */
function play(changes: Change[], lost: (index: number) => boolean, catchingUp: boolean): World {
  const world = newWorld();
  changes.forEach((change, index) => {
    happen(world, change);
    const own = ownEvent(world, change);
    if (!lost(index)) run(world, own, catchingUp);
  });
  return world;
}

const COMMANDS = [
  "/ack",
  "/status investigating",
  "/timeline 13:55 alert fired",
  "/lead @kim",
  "/mitigated rolled back",
  "/resolve root cause: expired certificate",
  "/reopen",
  "hello, any news?",
] as const;

const commentChange = fc.record({
  kind: fc.constant("comment" as const),
  body: fc.constantFrom(...COMMANDS),
  as: fc.constantFrom("lee", "kim"),
});

describe("a run catches up on the events of runs GitHub cancelled", () => {
  it("whichever comments' runs were lost (never the newest), it ends where handling all ends, each command once", () => {
    fc.assert(
      fc.property(
        fc.array(commentChange, { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (changes, lostFlags) => {
          const lost = (index: number) => index < changes.length - 1 && lostFlags[index]!;
          const everyRun = play(changes, () => false, false);
          const caughtUp = play(changes, lost, true);
          expect(caughtUp.incident).toEqual(everyRun.incident);
          expect(caughtUp.posted).toEqual(everyRun.posted);
          expect([...caughtUp.labels].sort()).toEqual([...everyRun.labels].sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("without the catch-up, a lost /ack is lost (the property above can fail)", () => {
    const changes: Change[] = [
      { kind: "comment", body: "/ack", as: "lee" },
      { kind: "comment", body: "/status investigating", as: "lee" },
    ];
    const lost = (index: number) => index === 0;
    expect(play(changes, lost, false).incident!.status).toBe("declared");
    expect(play(changes, lost, true).incident!.status).toBe("acknowledged");
    expect(play(changes, lost, true).incident!.acknowledgedBy).toBe("lee");
  });

  it("when no run was lost, catching up finds nothing: every run's look comes back empty", () => {
    const world = newWorld();
    for (const body of ["/ack", "/status investigating", "/timeline 13:55 alert fired"]) {
      happen(world, { kind: "comment", body, as: "lee" });
      const own = ownEvent(world, { kind: "comment", body, as: "lee" });
      const look = { incident: world.incident, issue: snapshot(world), own, config: CONFIG };
      expect(missedEvents({ ...look, comments: world.comments })).toEqual([]);
      run(world, own);
    }
  });

  it("a lost severity label is caught up by the next run, as a change nobody is named for", () => {
    const world = newWorld();
    happen(world, { kind: "label", label: "severity::2" });
    const lostRun = ownEvent(world, { kind: "label", label: "severity::2" });
    happen(world, { kind: "comment", body: "/status looking", as: "lee" });
    run(world, ownEvent(world, { kind: "comment", body: "/status looking", as: "lee" }));
    expect(lostRun.kind).toBe("issue-labeled");
    expect(world.incident!.severity).toBe(2);
    expect(world.labels.has("severity::1")).toBe(false);
    expect(world.incident!.timeline.map((entry) => entry.text)).toContainEqual(
      expect.stringContaining(`lowered by ${UNSEEN_ACTOR.login}`),
    );
  });

  it("a lost severity label on an issue without an incident declares it before the commands", () => {
    const world = blankWorld();
    happen(world, { kind: "label", label: "severity::1" });
    happen(world, { kind: "comment", body: "/ack", as: "lee" });
    run(world, ownEvent(world, { kind: "comment", body: "/ack", as: "lee" }));
    expect(world.incident?.severity).toBe(1);
    expect(world.incident?.status).toBe("acknowledged");
    expect(world.posted.filter((key) => key.startsWith("no-incident"))).toEqual([]);
  });

  it("a lost close resolves; a close followed by /reopen stays reopened", () => {
    const closed = newWorld();
    happen(closed, { kind: "close", at: "2026-11-22T14:30:00Z" });
    happen(closed, { kind: "comment", body: "thanks all", as: "kim" });
    run(closed, ownEvent(closed, { kind: "comment", body: "thanks all", as: "kim" }));
    expect(closed.incident!.status).toBe("resolved");

    const reopened = newWorld();
    happen(reopened, { kind: "close", at: "2026-11-22T13:59:00Z" });
    run(reopened, ownEvent(reopened, { kind: "close", at: "2026-11-22T13:59:00Z" }));
    expect(reopened.incident!.status).toBe("resolved");
    happen(reopened, { kind: "comment", body: "/reopen", as: "lee" });
    run(reopened, ownEvent(reopened, { kind: "comment", body: "/reopen", as: "lee" }));
    happen(reopened, { kind: "comment", body: "/status still failing", as: "lee" });
    run(
      reopened,
      ownEvent(reopened, { kind: "comment", body: "/status still failing", as: "lee" }),
    );
    expect(reopened.incident!.status).toBe("declared");
  });

  it("an edit's new command line is caught up once; the lines already done are not redone", () => {
    const world = newWorld();
    happen(world, { kind: "comment", body: "/ack", as: "lee" });
    run(world, ownEvent(world, { kind: "comment", body: "/ack", as: "lee" }));
    const acked = world.incident!;
    // lee edits the comment to add a status line; that edit's run is cancelled.
    const edited = world.comments.find((comment) => comment.body === "/ack")!;
    edited.body = "/ack\n/status rolling back";
    happen(world, { kind: "comment", body: "thanks", as: "kim" });
    run(world, ownEvent(world, { kind: "comment", body: "thanks", as: "kim" }));
    const texts = world.incident!.timeline.map((entry) => entry.text);
    expect(texts.filter((text) => text === "Status: rolling back")).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith("Acknowledged by"))).toHaveLength(1);
    expect(world.incident!.done).toEqual([...acked.done, expect.stringMatching(/^cmd-/)]);
  });

  it("commands answered 'no incident' when they came, and a rebuilt ledger, are left alone", () => {
    const before = blankWorld();
    happen(before, { kind: "comment", body: "/ack", as: "lee" });
    run(before, ownEvent(before, { kind: "comment", body: "/ack", as: "lee" }));
    expect(before.posted).toEqual([expect.stringMatching(/^no-incident-/)]);
    happen(before, { kind: "label", label: "severity::1" });
    run(before, ownEvent(before, { kind: "label", label: "severity::1" }));
    happen(before, { kind: "comment", body: "on it", as: "kim" });
    const own = ownEvent(before, { kind: "comment", body: "on it", as: "kim" });
    const look = { issue: snapshot(before), comments: before.comments, own, config: CONFIG };
    expect(missedEvents({ ...look, incident: before.incident })).toEqual([]);

    const world = newWorld();
    happen(world, { kind: "comment", body: "/ack", as: "lee" });
    const rebuilt: Incident = {
      ...world.incident!,
      timeline: [{ at: NOW.toISOString(), text: `${REBUILT_NOTE} (the block is missing)` }],
      done: [],
    };
    const after = { issue: snapshot(world), comments: world.comments, config: CONFIG };
    const plain = ownEvent(world, { kind: "comment", body: "/ack", as: "lee" });
    expect(missedEvents({ ...after, incident: rebuilt, own: labeled("severity::1") })).toEqual([]);
    expect(missedEvents({ ...after, incident: world.incident, own: plain })).toEqual([]);
  });
});
