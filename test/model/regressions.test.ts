import { describe, expect, it } from "vitest";
import { runSequence } from "./run-sequence.js";
import type { Step } from "./steps.js";

/** The shrunk sequences with which the model found defects that are fixed now: each stays fixed. */
const config = (variant: "none" | "team" | "wrongTypes"): Step => ({ kind: "config", variant });
const open = (labels: string[]): Step => ({
  kind: "open",
  by: "ada",
  labels,
  title: "Checkout returns 500",
  body: "",
});
const say = (...lines: string[]): Step => ({
  kind: "comment",
  issue: 0,
  onLog: false,
  by: "ada",
  lines,
});
const day = 86_400_000;

describe("sequences that once broke an invariant", () => {
  it.each<[string, Step[]]>([
    [
      "an agenda item written again when the job failed after it",
      [
        config("wrongTypes"),
        open(["severity::2"]),
        { kind: "fault", op: "removeLabel", status: 401, afterWrite: false, count: 1 },
        say("/resolve root cause unknown"),
      ],
    ],
    [
      "a tick's stale reminder written again when saving the state failed",
      [
        config("none"),
        open(["severity::1"]),
        { kind: "fault", op: "updateIssue", status: 401, afterWrite: false, count: 1 },
        { kind: "tick", advanceMs: day },
      ],
    ],
    [
      "two refusals sharing a key, the first answered 5xx after its write",
      [
        config("none"),
        open(["severity::1"]),
        { kind: "fault", op: "createComment", status: 502, afterWrite: true, count: 2 },
        say("/resolve rolled back the deploy", "/mitigated", "/mitigated rolled back"),
      ],
    ],
    [
      "/page with a bare name that is no team",
      [config("none"), open(["severity::1"]), say("/page database")],
    ],
    [
      "/page and /action in a drill",
      [
        config("none"),
        open(["severity::1", "drill"]),
        say("/page @pat the database is down", "/action add a retry to the payment call"),
      ],
    ],
    [
      "a declaration whose checklist failed until a tick's escalation carried the log reference",
      [
        config("team"),
        open(["severity::1"]),
        { kind: "close", issue: 0, by: "ada" },
        { kind: "fault", op: "createComment", status: 401, afterWrite: false, count: 4 },
        open(["severity::2"]),
        { kind: "outage", status: 500, steps: 3 },
        { kind: "label", issue: 0, label: "severity::1", by: "ada" },
        { kind: "tick", advanceMs: 60_000 },
        { kind: "tick", advanceMs: 3_600_000 },
        { kind: "tick", advanceMs: 1_000 },
      ],
    ],
  ])("%s", async (_name, steps) => {
    expect(await runSequence(steps)).toEqual([]);
  });
});
