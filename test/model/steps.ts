import fc from "fast-check";
import { userFor, type SandboxIssue } from "../../src/sandbox/store.js";
import { ACTORS, CONFIG_NAMES, REPO, type ActorName, type ConfigVariant } from "./configs.js";
import type { ForgeOp } from "./memory-forge.js";
import { logOf, type World } from "./world.js";

/** What happens in one step of a sequence: a person acts, time passes, the config or the forge changes. */
export type Step =
  | { kind: "open"; by: ActorName; labels: string[]; title: string; body: string }
  | { kind: "label"; issue: number; label: string; by: ActorName }
  | { kind: "unlabel"; issue: number; label: string; by: ActorName }
  | { kind: "comment"; issue: number; onLog: boolean; by: ActorName; lines: string[] }
  | { kind: "edit"; comment: number; lines: string[] }
  | { kind: "close"; issue: number; by: ActorName }
  | { kind: "reopen"; issue: number; by: ActorName }
  | { kind: "tick"; advanceMs: number }
  | { kind: "config"; variant: ConfigVariant }
  | { kind: "redeliver"; back: number }
  | { kind: "fault"; op: ForgeOp | "any"; status: number; afterWrite: boolean; count: number }
  | { kind: "outage"; status: number; steps: number };

const SEVERITY_LABELS = ["severity::1", "severity::2", "severity::3", "severity::4"];
const LABELS = [...SEVERITY_LABELS, "drill", "component::api", "security", "bug"];
const STATUSES = [401, 403, 404, 409, 422, 429, 500, 502, 503, 0];
const OPS: Array<ForgeOp | "any"> = [
  "any",
  "getIssue",
  "listComments",
  "createComment",
  "createIssue",
  "updateIssue",
  "addLabels",
  "removeLabel",
  "findIssueByMarker",
  "listOpenIssues",
  "listRecentIssues",
  "readFile",
  "permission",
  "listInstallations",
];

/** Command lines, with free text that names strangers (it must never ping them); common ones weigh more. */
const COMMON = [
  "/ack",
  "/status checking the database with @mallory",
  "/resolve root cause: a bad deploy",
  "/resolve",
  "/reopen",
  "/lead @pat",
  "/handoff @quinn",
  "/sev 1",
  "/sev 2",
  "/page @pat the database is down",
];
const RARE = [
  "/sevbot ack",
  "/lead",
  "/handoff",
  "/sev 3",
  "/sev 4",
  "/sev 9",
  "/status",
  "/timeline 08:05 restarted the workers for @acme/everyone",
  "/timeline 25:99 impossible time",
  "/timeline 2026-13-45T10:00Z impossible date",
  "/timeline 2026-12-01T23:30Z deploy went out",
  "/timeline noticed errors",
  "/mitigate",
  "/decide roll back",
  "/mitigated",
  "/mitigated rolled back, thanks @mallory",
  "/resolve root cause unknown",
  "/resolve rolled back the deploy",
  "/help",
  "/page database",
  "/similar",
  "/impact checkout fails for @mallory and everyone",
  "/action add a retry to the payment call",
  "/action #1",
  "/frobnicate",
  "> /ack",
  "looking into it, @mallory",
];
/** Every line the model may write in a comment. */
export const COMMENT_LINES = [...COMMON, ...RARE];

const line = fc.oneof(
  { weight: 1, arbitrary: fc.constant("/ack") },
  { weight: 2, arbitrary: fc.constantFrom(...COMMON) },
  { weight: 1, arbitrary: fc.constantFrom(...RARE) },
);

/** Mostly people who may run commands, sometimes those who may not. */
const actor = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<ActorName>("ada", "max", "wes", "pat", "quinn") },
  { weight: 1, arbitrary: fc.constantFrom(...(Object.keys(ACTORS) as ActorName[])) },
);
const issue = fc.nat({ max: 3 });

const advance = fc.oneof(
  fc.integer({ min: 1_000, max: 59_000 }),
  fc.integer({ min: 1, max: 30 }).map((minutes) => minutes * 60_000),
  fc.integer({ min: 1, max: 8 }).map((hours) => hours * 3_600_000),
  fc.integer({ min: 1, max: 3 }).map((days) => days * 86_400_000),
);

export const openStep: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant("open" as const),
  by: actor,
  labels: fc.subarray(LABELS, { maxLength: 3 }),
  title: fc.constantFrom(
    "Checkout returns 500",
    "Login down for @mallory",
    "[security] token leak",
  ),
  body: fc.constantFrom("", "Steps:\n\n```\ncurl -X POST /api/pay\n```\nping @acme/everyone"),
});

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: openStep },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("label" as const),
      issue,
      label: fc.constantFrom(...LABELS, ...SEVERITY_LABELS),
      by: actor,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("unlabel" as const),
      issue,
      label: fc.constantFrom(...LABELS),
      by: actor,
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("comment" as const),
      issue,
      onLog: fc.boolean(),
      by: actor,
      lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      comment: fc.nat({ max: 20 }),
      lines: fc.array(line, { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("close" as const), issue, by: actor }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reopen" as const), issue, by: actor }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("tick" as const), advanceMs: advance }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("config" as const),
      variant: fc.constantFrom(...CONFIG_NAMES),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("redeliver" as const), back: fc.nat({ max: 30 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("fault" as const),
      op: fc.constantFrom(...OPS),
      status: fc.constantFrom(...STATUSES),
      afterWrite: fc.boolean(),
      count: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("outage" as const),
      status: fc.constantFrom(500, 502, 503, 0),
      steps: fc.integer({ min: 1, max: 3 }),
    }),
  },
);

/** Most sequences start with an incident: a Sev-1 or Sev-2 label, sometimes a drill's. */
const declaringStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: openStep },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("open" as const),
      by: actor,
      labels: fc
        .tuple(
          fc.constantFrom("severity::1", "severity::2"),
          fc.subarray(["drill", "component::api", "security"], { maxLength: 1 }),
        )
        .map(([severity, others]) => [severity, ...others]),
      title: fc.constant("Checkout returns 500"),
      body: fc.constant(""),
    }),
  },
);

/** A sequence: a config, an issue, then anything. */
export const sequenceArb = fc
  .tuple(
    fc.record({ kind: fc.constant("config" as const), variant: fc.constantFrom(...CONFIG_NAMES) }),
    declaringStep,
    fc.array(stepArb, { maxLength: 20, size: "max" }),
  )
  .map(([config, open, rest]): Step[] => [config, open, ...rest]);

/** The issues people opened, in order (the agenda issue and sevbot's own are not among them). */
export function userIssues(world: World): SandboxIssue[] {
  return [...world.repo(REPO).issues.values()].filter(
    (entry) => entry.user.type === "User" && entry.number !== 1,
  );
}

/** Carries out one step on the world, through the sandbox's mutations (so webhooks follow). */
export async function applyStep(world: World, step: Step): Promise<void> {
  const repo = world.repo(REPO);
  const person = (name: ActorName) => userFor(world.store, name);
  const pick = (index: number) => {
    const issues = userIssues(world);
    return issues.length > 0 ? issues[index % issues.length] : undefined;
  };
  switch (step.kind) {
    case "open":
      return world.step(() => {
        world.mutate.openIssue(repo, person(step.by), step);
      });
    case "label":
    case "unlabel":
    case "close":
    case "reopen": {
      const target = pick(step.issue);
      if (!target) return;
      return world.step(() => {
        if (step.kind === "label")
          world.mutate.addLabels(repo, target, person(step.by), [step.label]);
        if (step.kind === "unlabel")
          world.mutate.removeLabel(repo, target, person(step.by), step.label);
        if (step.kind === "close" || step.kind === "reopen")
          world.mutate.editIssue(repo, target, person(step.by), {
            state: step.kind === "close" ? "closed" : "open",
          });
      });
    }
    case "comment": {
      const target = pick(step.issue);
      if (!target) return;
      const log = step.onLog ? logOf(world.store, target.number) : undefined;
      const where = log ? log.repo : repo;
      const on = log ? log.issue : target;
      return world.step(() => {
        world.mutate.createComment(where, on, person(step.by), step.lines.join("\n"));
      });
    }
    case "edit": {
      const mine = [...world.store.repos.values()].flatMap((entry) =>
        entry.comments
          .filter((comment) => comment.user.type === "User")
          .map((comment) => ({ entry, comment })),
      );
      const chosen = mine[step.comment % Math.max(mine.length, 1)];
      if (!chosen) return;
      return world.step(() => {
        world.mutate.editComment(
          chosen.entry,
          chosen.comment,
          chosen.comment.user,
          step.lines.join("\n"),
        );
      });
    }
    case "tick":
      world.advance(step.advanceMs);
      return world.step(() => world.tick(), false);
    case "config":
      world.setConfig(step.variant);
      return world.step(() => undefined);
    case "redeliver": {
      const handled = world.history;
      const earlier = handled[handled.length - 1 - (step.back % Math.max(handled.length, 1))];
      if (!earlier) return;
      return world.step(() =>
        world.enqueue({
          event: structuredClone(earlier.event),
          receivedAt: new Date(world.now).toISOString(),
          attempts: 0,
          onlyForgeErrors: true,
        }),
      );
    }
    case "fault":
      world.faults.budgets.push({ ...step });
      return world.step(() => undefined);
    case "outage":
      world.faults.outage = { steps: step.steps, status: step.status };
      return world.step(() => undefined);
  }
}
