import { describe, expect, it } from "vitest";
import { decide } from "../../src/core/decide.js";
import type { IssueSnapshot } from "../../src/core/events.js";
import type { Severity } from "../../src/core/model.js";
import { renderLogIssueBody } from "../../src/core/render/log-issue.js";
import { tickTrackers, type Tracker } from "../../src/scheduler/scheduler.js";
import { config, issue, labeled, NOW, ref } from "../helpers/builders.js";

const everySeverity = config({ severity: { ...config().severity, incidents: [1, 2, 3, 4] } });

/** The open log issue (number `log`) of a Sev-`severity` incident on source issue `source`. */
function logOf(severity: Severity, source: number, log = source + 100): IssueSnapshot {
  const event = {
    ...labeled(`severity::${severity}`),
    issue: issue({ ref: ref(source), labels: [`severity::${severity}`] }),
  };
  const incident = decide(undefined, event, everySeverity, NOW).incident!;
  return issue({
    ref: ref(log, "acme/incidents"),
    title: `[SEV-${severity}] x`,
    body: renderLogIssueBody(incident, "acme/incidents"),
    labels: ["incident-log"],
  });
}

/** A log issue someone broke by hand: no readable state, so no known severity. */
function unreadableLog(log: number): IssueSnapshot {
  return issue({
    ref: ref(log, "acme/incidents"),
    title: "[SEV-?] x",
    body: "<!-- sevbot:state v1\n{nope\n-->",
    labels: ["incident-log"],
  });
}

interface Recorded {
  ticked: string[];
  errors: Array<{ tracker: string; message: string }>;
}

/** A plain in-memory tracker: lists `logs`, records each tick, fails where told to. */
function tracker(
  name: string,
  logs: IssueSnapshot[],
  recorded: Recorded,
  fail: { list?: boolean; tick?: number[] } = {},
  actionsPerTick = 1,
): Tracker {
  return {
    name,
    async listOpenLogs() {
      if (fail.list) throw new Error(`${name} is unreachable`);
      return logs;
    },
    async tick(log) {
      recorded.ticked.push(`${name}#${log.ref.number}`);
      if (fail.tick?.includes(log.ref.number)) throw new Error(`tick of #${log.ref.number} failed`);
      return actionsPerTick;
    },
  };
}

function run(trackers: (recorded: Recorded) => Tracker[], maxIncidentsPerTracker = 50) {
  const recorded: Recorded = { ticked: [], errors: [] };
  const actions = tickTrackers(trackers(recorded), {
    maxIncidentsPerTracker,
    onError: (name, error) =>
      recorded.errors.push({ tracker: name, message: (error as Error).message }),
  });
  return actions.then((count) => ({ ...recorded, actions: count }));
}

describe("tickTrackers", () => {
  it("ticks worst severity first; logs without a readable state come last", async () => {
    const logs = [
      logOf(3, 1),
      unreadableLog(150),
      logOf(1, 2),
      logOf(4, 3),
      logOf(2, 4),
      logOf(1, 5),
    ];
    const { ticked, actions, errors } = await run((recorded) => [
      tracker("acme/incidents", logs, recorded),
    ]);
    expect(ticked).toEqual([
      "acme/incidents#102",
      "acme/incidents#105",
      "acme/incidents#104",
      "acme/incidents#101",
      "acme/incidents#103",
      "acme/incidents#150",
    ]);
    expect(actions).toBe(6);
    expect(errors).toEqual([]);
  });

  it("is bounded per tracker, keeping the worst", async () => {
    const many = [4, 3, 2, 4, 1, 3, 2].map((severity, index) =>
      logOf(severity as Severity, index + 1),
    );
    const few = [logOf(4, 20), logOf(3, 21)];
    const { ticked } = await run(
      (recorded) => [tracker("a", many, recorded), tracker("b", few, recorded)],
      3,
    );
    expect(ticked).toEqual(["a#105", "a#103", "a#107", "b#121", "b#120"]);
  });

  it("only incidents that had work count towards the bound, so quiet ones never starve the rest", async () => {
    const logs = [logOf(1, 1), logOf(1, 2), logOf(1, 3), logOf(3, 4), logOf(4, 5)];
    const ticked: number[] = [];
    const quietSev1s: Tracker = {
      name: "t",
      listOpenLogs: async () => logs,
      tick: async (log) => (ticked.push(log.ref.number), log.ref.number <= 103 ? 0 : 1),
    };
    const actions = await tickTrackers([quietSev1s], {
      maxIncidentsPerTracker: 1,
      onError: () => undefined,
    });
    expect(ticked).toEqual([101, 102, 103, 104]);
    expect(actions).toBe(1);
  });

  it("one slow incident does not hold up the others' due work (a few are ticked at once)", async () => {
    const logs = [logOf(1, 1), logOf(1, 2), logOf(2, 3)];
    const events: string[] = [];
    const slowFirst: Tracker = {
      name: "t",
      listOpenLogs: async () => logs,
      async tick(log) {
        events.push(`start ${log.ref.number}`);
        await new Promise((resolve) => setTimeout(resolve, log.ref.number === 101 ? 100 : 1));
        events.push(`end ${log.ref.number}`);
        return 1;
      },
    };
    await tickTrackers([slowFirst], { maxIncidentsPerTracker: 50, onError: () => undefined });
    expect(events.slice(0, 3)).toEqual(["start 101", "start 102", "start 103"]);
    expect(events.at(-1)).toBe("end 101");
  });

  it("a tracker that cannot be listed is reported; the next ones still tick", async () => {
    const { ticked, errors, actions } = await run((recorded) => [
      tracker("down", [logOf(1, 1)], recorded, { list: true }),
      tracker("up", [logOf(2, 2)], recorded),
    ]);
    expect(ticked).toEqual(["up#102"]);
    expect(errors).toEqual([{ tracker: "down", message: "down is unreachable" }]);
    expect(actions).toBe(1);
  });

  it("an incident whose tick fails is reported; the rest of its tracker and the other trackers still tick", async () => {
    const { ticked, errors, actions } = await run((recorded) => [
      tracker("a", [logOf(1, 1), logOf(2, 2), logOf(3, 3)], recorded, { tick: [101] }, 2),
      tracker("b", [logOf(1, 4)], recorded, {}, 2),
    ]);
    expect(ticked).toEqual(["a#101", "a#102", "a#103", "b#104"]);
    expect(errors).toEqual([{ tracker: "a", message: "tick of #101 failed" }]);
    expect(actions).toBe(6);
  });

  it("drill reminders run after the incidents, also when an incident failed, and their failure is reported too", async () => {
    const order: string[] = [];
    const recorded: Recorded = { ticked: [], errors: [] };
    const withDrills = (name: string, failDrills: boolean): Tracker => ({
      ...tracker(name, [logOf(1, 1)], recorded, { tick: [101] }),
      async remindDrills() {
        order.push(`${name} drills (after ${recorded.ticked.length} ticks)`);
        if (failDrills) throw new Error("cannot open the reminder");
      },
    });
    await tickTrackers([withDrills("a", true), withDrills("b", false)], {
      maxIncidentsPerTracker: 50,
      onError: (name, error) =>
        recorded.errors.push({ tracker: name, message: (error as Error).message }),
    });
    expect(order).toEqual(["a drills (after 1 ticks)", "b drills (after 2 ticks)"]);
    expect(recorded.errors).toEqual([
      { tracker: "a", message: "tick of #101 failed" },
      { tracker: "a", message: "cannot open the reminder" },
      { tracker: "b", message: "tick of #101 failed" },
    ]);
  });
});
