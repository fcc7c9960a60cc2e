import type { DomainEvent, IssueSnapshot } from "../core/events.js";
import { decide } from "../core/decide.js";
import { applyArrivedConfig } from "../core/decide/config-arrived.js";
import { findLogSource } from "../core/markers.js";
import { issueKey, type Incident } from "../core/model.js";
import { readStateBlock } from "../core/state-block.js";
import { executeAndSave } from "./execute-and-save.js";
import type { HandleEventDeps } from "./handle-event.js";

/** A system actor: ticks are sevbot's own doing, but must not be ignored as a bot's event. */
const SCHEDULER = { login: "sevbot-scheduler", isBot: false };

/** The incident stored in a log issue, as the scheduler lists them (no extra request). */
export function incidentFromLog(log: IssueSnapshot): Incident | undefined {
  const read = readStateBlock(log.body);
  return read.kind === "ok" ? { ...read.incident, log: log.ref } : undefined;
}

/**
 * One scheduler tick for one open incident, through the same decide/execute/save path as
 * webhooks. The log issue comes from the listing, so a quiet tick costs no request at all.
 */
export async function handleTick(deps: HandleEventDeps, log: IssueSnapshot): Promise<number> {
  const source = findLogSource(log.body);
  const listed = incidentFromLog(log);
  if (!source || !listed || listed.status === "resolved") return 0;
  // An incident declared on stand-in defaults keeps escalating on them while the config still
  // cannot be read (one short read a tick), and is settled on the first tick that reads it.
  const settling = listed.provisionalConfig === true;
  const loadedConfig = await deps.loadConfig(source.repo, settling ? { budgetMs: 0 } : undefined);
  const { config, error } = loadedConfig;
  const arriving = settling && !loadedConfig.provisional;
  if (!arriving && decide(listed, tickEvent(listed), config, deps.clock.now()).actions.length === 0)
    return 0;
  return deps.mutex.run(issueKey(source), async () => {
    // The listing may be stale by now (a webhook may have just written): decide on a fresh read.
    const fresh = await deps.forge.getIssue(log.ref);
    const incident = incidentFromLog(fresh);
    if (!incident || incident.status === "resolved") return 0;
    const event = tickEvent(incident);
    const now = deps.clock.now();
    const arrived = loadedConfig.provisional
      ? { incident, actions: [] }
      : applyArrivedConfig(incident, incident.url ?? "", error, {
          config,
          now: now.toISOString(),
        });
    const decision = decide(arrived.incident!, event, config, now);
    const actions = [...arrived.actions, ...decision.actions];
    if (actions.length === 0) return 0;
    const loaded = {
      incident,
      sourceComments: [],
      stored: { title: fresh.title, body: fresh.body },
    };
    await executeAndSave(deps, event, loaded, decision.incident, actions, {
      sourceCommentsUnknown: true,
    });
    return actions.length;
  });
}

function tickEvent(incident: Incident): DomainEvent {
  const issue: IssueSnapshot = {
    ref: incident.source,
    title: incident.title,
    body: "",
    labels: [],
    state: "open",
    author: "",
    url: incident.url ?? "",
    confidential: incident.confidential,
  };
  return { kind: "tick", issue, actor: SCHEDULER };
}
