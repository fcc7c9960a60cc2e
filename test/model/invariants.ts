import { parseConfigText } from "../../src/config/load.js";
import type { SevbotConfig } from "../../src/config/schema.js";
import { dueEscalations } from "../../src/core/escalation.js";
import { hasMarker, logIssueMarker, markerKeys } from "../../src/core/markers.js";
import { computeReport } from "../../src/core/metrics.js";
import type { Incident } from "../../src/core/model.js";
import { severityOfLabel, severityOfLabels } from "../../src/core/severity.js";
import { readStateBlock } from "../../src/core/state-block.js";
import { ACTORS, AGENDA_ISSUE, CONFIG_PATH, CONFIGURED, REPO } from "./configs.js";
import type { KnownDefect } from "./known-defects.js";
import { userIssues } from "./steps.js";
import { logOf, type World } from "./world.js";

export interface Violation {
  invariant: string;
  message: string;
  /** The issue-12 defect whose symptom this is, when it is one. */
  defect?: KnownDefect;
}

const MINUTE = 60_000;
const incidentKey = (source: number) => `github:${REPO}#${source}`;

const parsed = new Map<string | undefined, SevbotConfig>();
function configOf(text: string | undefined): SevbotConfig {
  let config = parsed.get(text);
  if (!config) parsed.set(text, (config = parseConfigText(text, CONFIG_PATH).config));
  return config;
}

function stateOf(world: World, source: number): Incident | undefined {
  const log = logOf(world.store, source);
  if (!log) return undefined;
  const read = readStateBlock(log.issue.body ?? "");
  return read.kind === "ok" ? read.incident : undefined;
}

function botComments(world: World) {
  return [...world.store.repos.values()].flatMap((repo) =>
    repo.comments
      .filter((comment) => comment.user.type === "Bot")
      .map((comment) => ({ repo, comment })),
  );
}

function botIssues(world: World) {
  return [...world.store.repos.values()].flatMap((repo) =>
    [...repo.issues.values()]
      .filter((issue) => issue.user.type === "Bot")
      .map((issue) => ({ repo, issue })),
  );
}

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
  const allowed = new Set(
    [...CONFIGURED, ...Object.keys(ACTORS)].map((name) => name.toLowerCase()),
  );

  function atMostOne(): Violation[] {
    const out: Violation[] = [];
    for (const issue of userIssues(world)) {
      const checklists = world
        .repo(REPO)
        .comments.filter(
          (c) =>
            c.issueNumber === issue.number &&
            c.user.type === "Bot" &&
            hasMarker(c.body, "checklist"),
        ).length;
      const marker = logIssueMarker({ platform: "github", repo: REPO, number: issue.number });
      const logs = botIssues(world).filter(({ issue: log }) =>
        (log.body ?? "").includes(marker),
      ).length;
      if (checklists > 1 || logs > 1)
        out.push({
          invariant: "one checklist and one log issue",
          message: `#${issue.number} has ${checklists} checklists and ${logs} log issues`,
        });
    }
    return out;
  }

  function keysOnce(): Violation[] {
    const out: Violation[] = [];
    const seen = new Map<string, number>();
    for (const { repo, comment } of botComments(world))
      for (const key of markerKeys(comment.body).filter((key) => key !== "log-ref")) {
        const id = `${repo.fullName}#${comment.issueNumber} ${key}`;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    const repos = new Map<string, Set<string>>();
    for (const { repo, issue } of botIssues(world))
      for (const match of (issue.body ?? "").matchAll(/<!-- sevbot:([\w-]+-for [^>]+?) -->/g)) {
        seen.set(match[1]!, (seen.get(match[1]!) ?? 0) + 1);
        repos.set(match[1]!, (repos.get(match[1]!) ?? new Set()).add(repo.fullName));
      }
    for (const [id, count] of seen)
      if (count > 1)
        out.push({
          invariant: "no comment key written twice",
          message: `${id} written ${count} times`,
          // The same issue opened again in another repository: the tracker moved between attempts.
          ...((repos.get(id)?.size ?? 0) > 1 ? { defect: "tracker-moved" as const } : {}),
        });
    return out;
  }

  /** Active mentions in Markdown sevbot wrote: not in code, not in HTML comments, not neutralised. */
  function mentionsIn(text: string): string[] {
    const visible = text
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/```[\s\S]*?```/g, "")
      .replace(/`[^`\n]*`/g, "");
    return [...visible.matchAll(/(?:^|[^\w`/\u2060])@([A-Za-z0-9][\w-]*(?:\/[\w.-]+)?)/g)].map(
      (match) => match[1]!.toLowerCase(),
    );
  }

  function onlyConfiguredMentioned(): Violation[] {
    const texts = [
      ...botComments(world).map(({ repo, comment }) => ({
        where: `comment on ${repo.fullName}#${comment.issueNumber}`,
        text: comment.body,
      })),
      ...botIssues(world).map(({ repo, issue }) => ({
        where: `issue ${repo.fullName}#${issue.number}`,
        text: `${issue.title}\n${issue.body ?? ""}`,
      })),
    ];
    return texts.flatMap(({ where, text }) =>
      mentionsIn(text)
        .filter((name) => !allowed.has(name))
        .map((name) => ({
          invariant: "only configured people are mentioned",
          message: `@${name} mentioned in ${where}`,
        })),
    );
  }

  function noStackTrace(): Violation[] {
    return botComments(world)
      .filter(({ comment }) => /\n\s+at .+:\d+:\d+\)?/.test(comment.body))
      .map(({ repo, comment }) => ({
        invariant: "no stack trace reaches a user",
        message: `stack trace in a comment on ${repo.fullName}#${comment.issueNumber}`,
      }));
  }

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

  function drillSealed(): Violation[] {
    const out: Violation[] = [];
    const leak = (message: string) =>
      out.push({ invariant: "no drill output escapes", message, defect: "drill-leaks" });
    const drills = [...world.declaredAsDrill].filter(([, drill]) => drill).map(([n]) => n);
    const config = configOf(world.configText);
    // Who may hear of a drill is what the config said when each notification went out.
    const participantsOf = new Map(
      world.notifications.map((record) => [record.notification, record.participants]),
    );
    const since = (n: number) => world.declaredAfter.get(n) ?? { notifications: 0, requests: 0 };
    for (const [index, request] of world.services.requests.entries()) {
      const key = request.notification?.incidentKey;
      const drill =
        drills.some((n) => key === incidentKey(n) && index >= since(n).requests) ||
        (request.method === "conversations.create" &&
          drills.some((n) => String(request.body.name ?? "").length > 0 && warRoomFor(n)));
      if (!drill) continue;
      if (request.service === "pagerduty") leak(`drill ${key} reached PagerDuty`);
      if (request.service === "webhook" && request.body.drill !== true)
        leak(`drill ${key} reached the webhook without drill: true`);
      if (request.service === "slack" && request.method === "chat.postMessage") {
        const channel = String(request.body.channel);
        const ids = Object.entries(request.notification?.targets.slackIds ?? {});
        const person = ids.find(([, id]) => id === channel)?.[0];
        const participants = participantsOf.get(request.notification!) ?? new Set<string>();
        if (!person || !participants.has(person.toLowerCase()))
          leak(`drill ${key ?? ""} posted in Slack channel ${channel}`);
      }
    }
    for (const [index, { notification, participants }] of world.notifications.entries()) {
      // A redelivered report repeats a notice sent before the drill began, under the same key.
      const repeated = (n: number) =>
        world.notifications
          .slice(0, since(n).notifications)
          .some((earlier) => earlier.notification.key === notification.key);
      const ofDrill = (n: number) =>
        notification.incidentKey === incidentKey(n) &&
        index >= since(n).notifications &&
        !repeated(n);
      if (!drills.some(ofDrill)) continue;
      const { users, channels, emails, page } = notification.targets;
      const outsiders = users.filter((user) => !participants.has(user.toLowerCase()));
      if (outsiders.length > 0 || channels.length > 0 || emails.length > 0 || page)
        leak(
          `drill ${notification.incidentKey} ${notification.kind} targets more than its participants`,
        );
    }
    for (const n of drills) {
      for (const { repo, issue } of botIssues(world))
        if (
          new RegExp(`sevbot:[\\w-]+-for github:${REPO}#${n} -->`).test(issue.body ?? "") &&
          !issue.labels.some(
            (label) => label.name.toLowerCase() === config.drills.label.toLowerCase(),
          )
        )
          leak(`drill #${n}: ${repo.fullName}#${issue.number} "${issue.title}" has no drill label`);
      for (const comment of world.repo(REPO).comments)
        if (
          comment.issueNumber === AGENDA_ISSUE &&
          comment.user.type === "Bot" &&
          new RegExp(`(?<![\\w/.-])#${n}\\b`).test(comment.body)
        )
          leak(`drill #${n} wrote to the shared agenda issue`);
    }
    return out;
  }

  /** War rooms are not tied to a notification: one opened for a drill shows in the source issue. */
  function warRoomFor(source: number): boolean {
    return world
      .repo(REPO)
      .comments.some(
        (c) => c.issueNumber === source && c.user.type === "Bot" && hasMarker(c.body, "war-room"),
      );
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
          : state.timeline.some((entry) => entry.text.startsWith("Severity lowered"))
            ? ("severity-change-keys" as const)
            : ("escalation-stops" as const),
      },
    ];
  }

  return {
    check(): Violation[] {
      return [
        ...atMostOne(),
        ...keysOnce(),
        ...onlyConfiguredMentioned(),
        ...noStackTrace(),
        ...perIncident(),
        ...drillSealed(),
        ...pagerDuty(),
        ...schedulerTicks(),
      ];
    },
    /** Once forge errors stopped and every retry ran. */
    checkSettled(): Violation[] {
      return [...eventsSucceed(), ...exactlyOne()];
    },
  };

  function eventsSucceed(): Violation[] {
    return world.history
      .filter(
        (job) => job.outcome !== "done" && !(job.outcome === "dropped" && job.onlyForgeErrors),
      )
      .map((job) => {
        const error = job.bug ?? job.error;
        const message = String((error as Error | undefined)?.message ?? error);
        return {
          invariant: "every event is handled once forge errors stop",
          message: `${job.event.kind} on #${job.event.issue.ref.number} ${job.outcome}: ${message}`,
          ...(/time zone/i.test(message)
            ? { defect: "config-timezone" as const }
            : /Invalid time value/.test(message)
              ? { defect: "timeline-time" as const }
              : {}),
        };
      });
  }

  /** An incident severity label handled without error always yields a checklist and a log issue. */
  function exactlyOne(): Violation[] {
    const out: Violation[] = [];
    for (const job of world.history) {
      if (job.outcome !== "done" || job.event.actor.isBot || !job.config) continue;
      const { incidents, labels } = job.config.severity;
      const event = job.event;
      const severity =
        event.kind === "issue-labeled"
          ? severityOfLabel(event.label, labels)
          : event.kind === "issue-opened"
            ? severityOfLabels(event.issue.labels, labels)
            : undefined;
      if (severity === undefined || !incidents.includes(severity)) continue;
      const source = event.issue.ref.number;
      const log = logOf(world.store, source);
      const checklist = world
        .repo(REPO)
        .comments.some(
          (c) =>
            c.issueNumber === source && c.user.type === "Bot" && hasMarker(c.body, "checklist"),
        );
      if (!log || !checklist)
        out.push({
          invariant: "one checklist and one log issue",
          message: `#${source} labelled Sev-${severity} (${event.kind}): ${log ? "" : "no log issue "}${checklist ? "" : "no checklist"}`,
        });
    }
    return out;
  }
}
