import type { SevbotConfig } from "../config/schema.js";
import { alertGroupId, alertGroupMarker, alertIssue, alertSeverity } from "../core/alerts/issue.js";
import type { DomainEvent } from "../core/events.js";
import type { Forge } from "../ports/forge.js";
import type { KeyedMutex } from "./keyed-mutex.js";
import type { SharedMemo } from "./shared-memo.js";

type AlertEvent = Extract<DomainEvent, { kind: "alert" }>;

const REMEMBER_MS = 30 * 24 * 60 * 60_000;

export interface AlertIssueDeps {
  forge: Forge;
  mutex: KeyedMutex;
  memo?: SharedMemo;
}

/**
 * The issue an alert group belongs to, found or opened under the group's lock (a Redis lock with
 * replicas), so a storm opens one issue per group. Found: the alert event on that issue. Opened:
 * an `issue-opened` event, and the normal declaration follows. Undefined: nothing to do (a
 * resolved alert with no issue, or a severity the config does not map).
 */
export async function alertOnItsIssue(
  deps: AlertIssueDeps,
  event: AlertEvent,
  config: SevbotConfig,
): Promise<{ event?: DomainEvent; reason: string }> {
  const { repo, platform } = event.issue.ref;
  const id = alertGroupId(event.alert);
  const memoKey = `alert-issue:${platform}:${repo}:${id}`;
  return deps.mutex.run(`alert:${platform}:${repo}:${id}`, async () => {
    const remembered = Number((await deps.memo?.get(memoKey)) ?? 0);
    const known = remembered
      ? await deps.forge.getIssue({ platform, repo, number: remembered })
      : await deps.forge.findIssueByMarker(
          repo,
          config.alerts.labels[0] ?? "",
          alertGroupMarker(id),
        );
    if (known && known.state === "open") {
      if (!remembered) await deps.memo?.set(memoKey, String(known.ref.number), REMEMBER_MS);
      return { event: { ...event, issue: known }, reason: "the group's issue" };
    }
    if (event.alert.status === "resolved") return { reason: "resolved, and no open issue for it" };
    const severity = alertSeverity(event.alert, config);
    if (severity === undefined)
      return { reason: `no severity for its ${config.alerts.label} label in alerts.severity` };
    const created = await deps.forge.createIssue(repo, alertIssue(event.alert, severity, config));
    await deps.memo?.set(memoKey, String(created.ref.number), REMEMBER_MS);
    return {
      event: { kind: "issue-opened", issue: created, actor: event.actor },
      reason: "opened",
    };
  });
}
