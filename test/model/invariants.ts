import type { SevbotConfig } from "../../src/config/schema.js";
import { dueEscalations } from "../../src/core/escalation.js";
import { markerKeys } from "../../src/core/markers.js";
import { computeReport } from "../../src/core/metrics.js";
import type { Incident } from "../../src/core/model.js";
import { REPO } from "./configs.js";
import { drillSealed } from "./drill-checks.js";
import { atMostOne, keysOnce, noStackTrace, onlyConfiguredMentioned } from "./output-checks.js";
import { eventsSucceed, exactlyOne } from "./settled-checks.js";
import { userIssues } from "./steps.js";
import { configOf, incidentKey, MINUTE, stateOf, type Violation } from "./view.js";
import type { World } from "./world.js";

export type { Violation } from "./view.js";

/** What the model remembers between steps, per source issue. */
interface Memory {
  timeline?: string[];
  firstAck?: { at: string; declaredAt: string };
  lead?: string;
  lastStatusAt?: string;
  acknowledgedAt?: string;
  /** Last thing that restarts the status cadence: a /status, an ack, a change of lead. */
  cadenceFrom?: { at: number; why: "status" | "ack" | "lead"; severity: number; config?: string };
  reminders: Set<number>;
}

/**
 * Checks the invariants of issue 12 after every step. `check` returns what broke since the last
 * call; `checkSettled` adds what must hold once forge errors stopped and retries ran.
 */
export function createChecker(world: World) {
  const memory = new Map<number, Memory>();
  const remember = (source: number) => {
    let entry = memory.get(source);
    if (!entry) memory.set(source, (entry = { reminders: new Set() }));
    return entry;
  };
  let ticksSeen = 0;
  let requestsSeen = 0;
  const triggered = new Set<string>();

  function perIncident(): Violation[] {
    const out: Violation[] = [];
    // Reminders come from passes: judge them by the config the last pass loaded.
    const config = world.ticks.at(-1)?.config ?? configOf(world.configText);
    for (const issue of userIssues(world)) {
      const state = stateOf(world, issue.number);
      if (!state) continue;
      const seen = remember(issue.number);
      out.push(...timelineGrows(issue.number, state, seen));
      if (!world.declaredAsDrill.get(issue.number))
        out.push(...firstAck(issue.number, state, seen));
      out.push(...cadence(issue.number, state, seen, config));
    }
    return out;
  }

  function timelineGrows(source: number, state: Incident, seen: Memory): Violation[] {
    const now = state.timeline.map((entry) => `${entry.at}|${entry.actor ?? ""}|${entry.text}`);
    const missing = [...(seen.timeline ?? [])];
    for (const entry of now) {
      const at = missing.indexOf(entry);
      if (at >= 0) missing.splice(at, 1);
    }
    seen.timeline = now;
    if (missing.length === 0) return [];
    // A job dropped for good (a 404/422) before any sevbot comment carried the log reference leaves
    // the log unreachable from the source: the next event declares again over it.
    const orphaned = world.history.some(
      (job) => job.outcome === "dropped" && job.event.issue.ref.number === source,
    );
    return [
      {
        invariant: "the timeline only grows",
        message: `#${source} lost ${missing.join("; ")}`,
        ...(orphaned ? { defect: "orphaned-log" as const } : {}),
      },
    ];
  }

  function firstAck(source: number, state: Incident, seen: Memory): Violation[] {
    if (!seen.firstAck && state.acknowledgedAt)
      seen.firstAck = { at: state.acknowledgedAt, declaredAt: state.declaredAt };
    if (!seen.firstAck) return [];
    const report = computeReport(
      [{ incident: { ...state, drill: false }, postMortemDone: false }],
      "1970-01-01T00:00:00.000Z",
      "9999-01-01T00:00:00.000Z",
      { 1: 0, 2: 0, 3: 0, 4: 0 },
      [],
    );
    const measured = report.bySeverity.find(
      (entry) => entry.incidents === 1,
    )?.meanTimeToAcknowledge;
    const expected = (Date.parse(seen.firstAck.at) - Date.parse(seen.firstAck.declaredAt)) / MINUTE;
    if (measured === expected) return [];
    return [
      {
        invariant: "metrics come from the first acknowledgement",
        message: `#${source}: time to acknowledge ${measured} min, first acknowledgement gave ${expected} min`,
        defect: "first-ack-overwritten",
      },
    ];
  }

  /** No status reminder within the cadence after a /status, an ack or a change of lead. */
  function cadence(
    source: number,
    state: Incident,
    seen: Memory,
    config: SevbotConfig,
  ): Violation[] {
    // When it happened by sevbot's record: an event retried late still happened when it arrived.
    const restart = (why: "status" | "ack" | "lead", at: string | undefined) =>
      (seen.cadenceFrom = {
        at: at ? Date.parse(at) : world.now,
        why,
        severity: state.severity,
        ...(world.configText ? { config: world.configText } : {}),
      });
    // The first acknowledgement names the lead too.
    const leadEntry = state.timeline.findLast((entry) =>
      /^(Incident Lead|Hand-over accepted|Acknowledged)/.test(entry.text),
    );
    if (state.lastStatusAt && state.lastStatusAt !== seen.lastStatusAt)
      restart("status", state.lastStatusAt);
    if (state.acknowledgedAt && state.acknowledgedAt !== seen.acknowledgedAt)
      restart("ack", state.acknowledgedAt);
    if (state.lead && state.lead !== seen.lead) restart("lead", leadEntry?.at);
    seen.lastStatusAt = state.lastStatusAt;
    seen.acknowledgedAt = state.acknowledgedAt;
    seen.lead = state.lead;
    const out: Violation[] = [];
    const reminders = world
      .repo(REPO)
      .comments.filter(
        (c) =>
          c.issueNumber === source &&
          c.user.type === "Bot" &&
          markerKeys(c.body).some((key) => key.startsWith("status-reminder-")) &&
          !seen.reminders.has(c.id),
      );
    for (const reminder of reminders) {
      seen.reminders.add(reminder.id);
      const from = seen.cadenceFrom;
      const every = config.escalation.statusEvery[state.severity];
      if (!from || from.severity !== state.severity || from.config !== world.configText) continue;
      const waited = Date.parse(reminder.created_at) - from.at;
      if (waited < every * MINUTE)
        out.push({
          invariant: "no status reminder within the cadence",
          message: `#${source}: reminded ${waited / MINUTE} min after a ${from.why} (cadence ${every} min)`,
          ...(from.why === "status" ? {} : { defect: "cadence-restart" as const }),
        });
    }
    return out;
  }

  /** Issue 12: "acknowledge and resolve for incidents it never triggered". */
  function pagerDuty(): Violation[] {
    const out: Violation[] = [];
    const fresh = world.services.requests.slice(requestsSeen);
    requestsSeen = world.services.requests.length;
    for (const request of fresh.filter((entry) => entry.service === "pagerduty")) {
      const key = String(request.body.dedup_key);
      const action = String(request.body.event_action);
      if (action === "trigger") triggered.add(key);
      else if (!triggered.has(key))
        out.push({
          invariant: "PagerDuty acknowledge/resolve only after a trigger",
          message: `${action} for ${key}, never triggered`,
          defect: "pagerduty-untriggered",
        });
    }
    return out;
  }

  function schedulerTicks(): Violation[] {
    const out: Violation[] = [];
    for (const tick of world.ticks.slice(ticksSeen)) {
      const config = tick.config ?? configOf(world.configText);
      if (tick.crashed)
        out.push({
          invariant: "no forge error ends the process",
          message: `the scheduler pass rejected: ${(tick.crashed as Error).message}`,
          defect: "scheduler-crash",
        });
      if (!tick.clean || tick.at !== world.now) continue;
      const timezone = tick.errors.some((error) => /time zone/i.test(String(error)));
      for (const issue of userIssues(world).filter((entry) => tick.logged.includes(entry.number))) {
        const state = stateOf(world, issue.number);
        if (!state || state.status !== "declared") continue;
        out.push(...dueDone(issue.number, state, config, timezone));
        out.push(...notSilent(issue.number, state, config, timezone));
      }
    }
    ticksSeen = world.ticks.length;
    return out;
  }

  /** After a pass without forge errors, nothing due is left, and each step recorded was sent. */
  function dueDone(source: number, state: Incident, config: SevbotConfig, timezone: boolean) {
    const out: Violation[] = [];
    const { fire } = dueEscalations(state, config, new Date(world.now));
    if (fire.length > 0)
      out.push({
        invariant: "a due escalation happens at the next tick",
        message: `#${source}: ${fire.map((entry) => entry.key).join(", ")} due but not done`,
        ...(timezone ? { defect: "config-timezone" as const } : {}),
      });
    const sent = new Set(
      world.notifications
        .filter((entry) => entry.notification.incidentKey === incidentKey(source))
        // A config read after the declaration sends the steps it missed under `config-<key>`.
        .map((entry) => entry.notification.key.replace(/^config-/, "")),
    );
    const lost = state.done.filter((key) => /^esc-\d+-s\d+$/.test(key) && !sent.has(key));
    if (lost.length > 0)
      out.push({
        invariant: "a due escalation happens at the next tick",
        message: `#${source}: ${lost.join(", ")} recorded as done but never sent`,
      });
    return out;
  }

  function notSilent(source: number, state: Incident, config: SevbotConfig, timezone: boolean) {
    const policy = config.escalation.policies[state.severity];
    if (policy.steps.length === 0 || policy.repeatEvery <= 0) return [];
    const started = Date.parse(state.escalationStartedAt ?? state.declaredAt);
    const last = Math.max(
      started,
      ...world.notifications
        .filter(
          (entry) =>
            entry.notification.incidentKey === incidentKey(source) &&
            (entry.notification.kind === "declare" || entry.notification.kind === "escalate"),
        )
        .map((entry) => entry.at),
    );
    const silence =
      Math.max(60, 2 * policy.repeatEvery, ...policy.steps.map((s) => s.after)) * MINUTE;
    if (world.now - last <= silence) return [];
    return [
      {
        invariant: "escalation never stops silently while unacknowledged",
        message: `#${source}: Sev-${state.severity} unacknowledged, nothing escalated for ${(world.now - last) / MINUTE} min`,
        defect: timezone
          ? ("config-timezone" as const)
          : state.timeline.some((entry) => entry.text.startsWith("Severity lowered")) ||
              world.configChangedAt > started
            ? ("plan-change-keys" as const)
            : ("escalation-stops" as const),
      },
    ];
  }

  return {
    check(): Violation[] {
      return [
        ...atMostOne(world),
        ...keysOnce(world),
        ...onlyConfiguredMentioned(world),
        ...noStackTrace(world),
        ...perIncident(),
        ...drillSealed(world),
        ...pagerDuty(),
        ...schedulerTicks(),
      ];
    },
    /** Once forge errors stopped and every retry ran. */
    checkSettled(): Violation[] {
      return [...eventsSucceed(world), ...exactlyOne(world)];
    },
  };
}
